// One Ledgerline service as a child process, stopped with SIGTERM like in a cluster: its compiled
// JavaScript run by node as in production, or its TypeScript source run through tsx.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has ended, however it ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * How node runs `entry`: compiled JavaScript as it is; TypeScript through tsx, with the workspace
 * packages' source (their "@ledgerline/source" export) rather than their possibly stale dist/.
 */
export function nodeArguments(entry: string): string[] {
  return entry.endsWith('.ts') ? ['--conditions=@ledgerline/source', '--import', 'tsx', entry] : [entry];
}

export function startServiceProcess(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  output: 'inherit' | 'ignore' | 'pipe' = 'inherit',
): ServiceProcess {
  const child = spawn(process.execPath, nodeArguments(entry), {
    cwd: repositoryRoot,
    env,
    // The IPC channel is how the service learns that this process is gone, even after a SIGKILL: it closes, and the
    // service shuts down (shutDownGracefullyOnSignals) instead of running on as an orphan holding its ports.
    stdio: ['ignore', output, output, 'ipc'],
    // Its own process group: Ctrl-C in a terminal reaches only the launcher, which then stops
    // each service once, instead of every service seeing SIGINT and then SIGTERM.
    detached: true,
  });
  // Whatever way the launcher ends, it leaves no service running behind it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      resolve(code);
    }),
  );
  return {
    name,
    child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 200, the process dies, or the deadline passes. */
export async function waitUntilReady(service: ServiceProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void service.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${service.name} exited with code ${exitCode} before it was ready`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${service.name} was not ready at ${url} within ${timeoutMs} ms`);
}
