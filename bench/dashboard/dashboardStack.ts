// Where `npm run bench` gets the stack (compiled, as production runs it) and the supergraph Hive
// Gateway serves (written by the same command an operator would run).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from '../../packages/launcher/src/serviceProcess.js';
import { startBenchStack, type BenchStack, type StackSettings } from '../support/benchStack.js';

/**
 * As production runs: NODE_ENV=production and every abuse limit on, except the ones one address
 * and a few accounts would hit (logins, sockets); the response cache off, so the dashboard is
 * served, not remembered.
 */
const execFileAsync = promisify(execFile);
/** `npm run supergraph`, compiled by `npm run build`. */
const WRITE_SUPERGRAPH = 'router/dist/writeSupergraph.js';

const PRODUCTION_LIKE = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  RESPONSE_CACHE_ENABLED: 'false',
  LOGIN_ATTEMPTS_PER_ADDRESS: '100000',
  WEBSOCKET_MAX_CONNECTIONS_PER_USER: '100000',
  WEBSOCKET_MAX_CONNECTIONS_PER_ADDRESS: '100000',
};

/** The services as production runs them: their compiled JavaScript (`npm run bench` builds first). */
export function startDashboardStack(settings: StackSettings, log: (message: string) => void): Promise<BenchStack> {
  return startBenchStack({ ...settings, compiled: true }, PRODUCTION_LIKE, log);
}

export interface SupergraphFile {
  path: string;
  remove(): Promise<void>;
}

/**
 * The supergraph Hive Gateway serves, written by the command any gateway's operator would run
 * (`npm run supergraph -- --out <file>`, here its compiled script) with the stack's subgraph URLs.
 */
export async function writeSupergraphFile(started: BenchStack): Promise<SupergraphFile> {
  const directory = await mkdtemp(join(tmpdir(), 'ledgerline-bench-supergraph-'));
  const path = join(directory, 'supergraph.graphql');
  const { userSubgraphUrl, financeSubgraphUrl } = started.stack;
  await execFileAsync(process.execPath, [WRITE_SUPERGRAPH, '--out', path], {
    cwd: repositoryRoot,
    env: { ...process.env, USER_SUBGRAPH_URL: userSubgraphUrl, FINANCE_SUBGRAPH_URL: financeSubgraphUrl },
  });
  return { path, remove: () => rm(directory, { recursive: true, force: true }) };
}
