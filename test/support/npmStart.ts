// `npm start` run as a user runs it, on ports and a data directory of the test's own, for tests of the launcher's
// life as a whole: how it starts, stops and stops others.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { repositoryRoot } from '../../packages/launcher/src/serviceProcess.js';
import { freePort, freeStackPorts } from './freePort.js';
import { processTreeOf, stillRunning, type ProcessEntry } from './processTree.js';

const READY_TIMEOUT_MS = 60_000;

export interface NpmStart {
  npm: ChildProcess;
  routerOrigin: string;
  /** Every port the stack listens on: router, subgraphs, gRPC, embedded PostgreSQL. */
  ports: number[];
  /** Resolves with npm's exit code. */
  exited: Promise<number | null>;
  /** What npm and the stack printed so far, for a failing test's message. */
  output: () => string;
  /** npm, the launcher, the services and whatever they started, as the tree is now. */
  processes(): ProcessEntry[];
  /** The one process whose command runs `script` (e.g. 'packages/launcher/src/main.ts') with node. */
  nodeRunning(script: string): ProcessEntry;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The ports of `ports` something still listens on. */
export async function portsInUse(ports: number[]): Promise<number[]> {
  const free = await Promise.all(ports.map(isFree));
  return ports.filter((_, i) => !free[i]);
}

async function untilReady(origin: string, exited: Promise<unknown>, output: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && !gone) {
    const ready = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`npm start did not get ready:\n${output()}`);
}

/** Runs `npm start` on the embedded PostgreSQL in `dataDir` and waits until the router is ready. */
export async function npmStart(dataDir: string): Promise<NpmStart> {
  const stackPorts = await freeStackPorts();
  const postgresPort = await freePort();
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...env } = process.env;
  const npm = spawn('npm', ['start'], {
    cwd: repositoryRoot,
    env: {
      ...env,
      PORT: String(stackPorts.router),
      USER_SUBGRAPH_PORT: String(stackPorts.user),
      FINANCE_SUBGRAPH_PORT: String(stackPorts.finance),
      USER_GRPC_PORT: String(stackPorts.userGrpc),
      FINANCE_GRPC_PORT: String(stackPorts.financeGrpc),
      METRICS_PORT: String(stackPorts.routerMetrics),
      USER_METRICS_PORT: String(stackPorts.userMetrics),
      FINANCE_METRICS_PORT: String(stackPorts.financeMetrics),
      EMBEDDED_POSTGRES_PORT: String(postgresPort),
      LEDGERLINE_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as in a terminal of its own: signals the test runner gets do not reach it.
    detached: true,
  });
  let output = '';
  npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  const routerOrigin = `http://127.0.0.1:${stackPorts.router}`;
  const started: NpmStart = {
    npm,
    routerOrigin,
    ports: [...Object.values(stackPorts), postgresPort],
    exited,
    output: () => output,
    processes: () => processTreeOf(npm.pid as number),
    nodeRunning(script) {
      const found = started
        .processes()
        .filter((entry) => entry.command.startsWith(`${process.execPath} `) || entry.command.startsWith('node '));
      const running = found.filter((entry) => entry.command.includes(script));
      if (running.length !== 1) throw new Error(`${running.length} node processes run ${script}: ${JSON.stringify(found)}`);
      return running[0] as ProcessEntry;
    },
  };
  try {
    await untilReady(routerOrigin, exited, started.output);
  } catch (error) {
    killLeftovers(started.processes());
    throw error;
  }
  return started;
}

/** Waits up to `timeoutMs` for every one of `processes` to exit; returns those still running then. */
export async function exitedWithin(processes: ProcessEntry[], timeoutMs: number): Promise<ProcessEntry[]> {
  const deadline = Date.now() + timeoutMs;
  while (stillRunning(processes).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return stillRunning(processes);
}

/** After a failed test: nothing it started keeps running. */
export function killLeftovers(processes: ProcessEntry[]): void {
  for (const entry of stillRunning(processes)) process.kill(entry.pid, 'SIGKILL');
}
