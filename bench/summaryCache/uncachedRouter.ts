// A second router process in front of the stack's subgraphs, with the same secrets and variables as
// the stack's router but its response cache set apart: off, the baseline the cached router is
// compared with (here), or on beside a stack started with it off (`npm run bench`).
import { startServiceProcess, waitUntilReady } from '../../packages/launcher/src/serviceProcess.js';
import { freeMetricsPortVariables, freePort } from '../../test/support/freePort.js';
import type { BenchStack } from '../support/benchStack.js';
import type { StartedProcess } from '../support/startedProcess.js';

const READY_TIMEOUT_MS = 60_000;

/** Its origin, pid, a promise that rejects when it exits on its own, and stop(). */
export type SecondRouter = StartedProcess;

/** The second router with its response cache off. */
export type UncachedRouter = SecondRouter;

export const startUncachedRouter = (started: BenchStack, output: 'inherit' | 'ignore'): Promise<SecondRouter> =>
  startSecondRouter(started, output, false);

export async function startSecondRouter(started: BenchStack, output: 'inherit' | 'ignore', responseCache: boolean): Promise<SecondRouter> {
  const port = await freePort();
  const { stack } = started;
  // As packages/launcher/src/stack.ts starts the stack's router.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...started.serviceEnv,
    HOST: '127.0.0.1',
    PORT: String(port),
    ...(await freeMetricsPortVariables()),
    USER_SUBGRAPH_URL: stack.userSubgraphUrl,
    FINANCE_SUBGRAPH_URL: stack.financeSubgraphUrl,
    USER_GRPC_ADDRESS: stack.userGrpcAddress,
    FINANCE_GRPC_ADDRESS: stack.financeGrpcAddress,
    RESPONSE_CACHE_ENABLED: String(responseCache),
  };
  const router = startServiceProcess(responseCache ? 'cached router' : 'uncached router', started.entries.router, env, output);
  const origin = `http://127.0.0.1:${port}`;
  let stopping = false;
  try {
    await waitUntilReady(router, `${origin}/readyz`, READY_TIMEOUT_MS);
  } catch (error) {
    await router.stop();
    throw error;
  }
  return {
    origin,
    pid: router.child.pid ?? 0,
    failed: router.exited.then((code) =>
      stopping ? new Promise<never>(() => {}) : Promise.reject(new Error(`${router.name} exited with code ${code}`)),
    ),
    stop: async () => {
      stopping = true;
      await router.stop();
    },
  };
}
