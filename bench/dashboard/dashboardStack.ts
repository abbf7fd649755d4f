// Where `npm run bench` gets the stack and the supergraph Hive Gateway serves: one function each, so
// either can move to the compiled services and the build's supergraph artifact in one place.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeSupergraph, subgraphLocations } from '../../router/src/supergraph.js';
import { startBenchStack, type BenchStack, type StackSettings } from '../support/benchStack.js';

/**
 * As production runs: NODE_ENV=production and every abuse limit on, except the ones one address
 * and a few accounts would hit (logins, sockets); the response cache off, so the dashboard is
 * served, not remembered.
 */
const PRODUCTION_LIKE = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  RESPONSE_CACHE_ENABLED: 'false',
  LOGIN_ATTEMPTS_PER_ADDRESS: '100000',
  WEBSOCKET_MAX_CONNECTIONS_PER_USER: '100000',
  WEBSOCKET_MAX_CONNECTIONS_PER_ADDRESS: '100000',
};

export function startDashboardStack(settings: StackSettings, log: (message: string) => void): Promise<BenchStack> {
  return startBenchStack(settings, PRODUCTION_LIKE, log);
}

export interface SupergraphFile {
  path: string;
  remove(): Promise<void>;
}

/** The supergraph SDL composed from the subgraphs' own SDL, with the stack's subgraph URLs, in a file for Hive Gateway. */
export async function writeSupergraphFile(started: BenchStack): Promise<SupergraphFile> {
  const directory = await mkdtemp(join(tmpdir(), 'ledgerline-bench-supergraph-'));
  const path = join(directory, 'supergraph.graphql');
  const { userSubgraphUrl: user, financeSubgraphUrl: finance } = started.stack;
  await writeFile(path, composeSupergraph(subgraphLocations({ user, finance })));
  return { path, remove: () => rm(directory, { recursive: true, force: true }) };
}
