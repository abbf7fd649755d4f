import type { Logger } from 'pino';

/**
 * Past this, a stuck connection or query must not keep a terminating pod alive. A deployment gives the
 * process at least this long after SIGTERM (k8s terminationGracePeriodSeconds, checked in test/deployment/).
 */
export const FORCED_EXIT_AFTER_MS = 10_000;

export interface GracefulShutdownOptions {
  /** How long `shutdown` may take before the process exits anyway (a process stopping others waits for theirs). */
  forcedExitAfterMs?: number;
}

/** Starts the shutdown for `reason` and exits with `exitCode` once it is done; does nothing if it has already started. */
export type ShutDown = (reason: string, exitCode?: number) => void;

/**
 * Runs `shutdown` once on SIGTERM or SIGINT, then exits; a second signal exits at once. A process started with an
 * IPC channel (as the launcher starts the services) also shuts down when that channel closes, i.e. when its parent
 * is gone however it ended, so it never outlives `npm start`. Returns the same shutdown for the caller's own reasons.
 */
export function shutDownGracefullyOnSignals(log: Logger, shutdown: () => Promise<void>, options: GracefulShutdownOptions = {}): ShutDown {
  let shuttingDown = false;
  const shutDown: ShutDown = (reason, exitCode = 0) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ reason }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown took too long, exiting');
      process.exit(1);
    }, options.forcedExitAfterMs ?? FORCED_EXIT_AFTER_MS).unref();
    shutdown().then(
      () => {
        log.info('stopped');
        process.exit(exitCode);
      },
      (error: unknown) => {
        log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      log.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    shutDown(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  if (process.channel !== undefined) process.once('disconnect', () => shutDown('parent process gone'));
  return shutDown;
}
