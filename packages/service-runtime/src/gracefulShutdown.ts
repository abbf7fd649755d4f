import type { Logger } from 'pino';

/** Past this, a stuck connection or query must not keep a terminating pod alive. */
const FORCED_EXIT_AFTER_MS = 10_000;

/** Runs `shutdown` once on SIGTERM or SIGINT, then exits; a second signal exits at once. */
export function shutDownGracefullyOnSignals(log: Logger, shutdown: () => Promise<void>): void {
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      log.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    shuttingDown = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown took too long, exiting');
      process.exit(1);
    }, FORCED_EXIT_AFTER_MS).unref();
    shutdown().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
