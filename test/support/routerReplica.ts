// One more router process in front of a stack's subgraphs, as a second replica behind a load
// balancer runs: the same subgraphs, secrets and Redis, a port of its own.
import { inject } from 'vitest';
import { startServiceProcess, waitUntilReady } from '../../packages/launcher/src/serviceProcess.js';
import { freeMetricsPortVariables, freePort } from './freePort.js';
import { routerAt, type RouterAt } from './routerAt.js';
import { ONE_ADDRESS_FOR_ALL_CLIENTS } from './loginThrottleForTests.js';

const READY_TIMEOUT_MS = 60_000;

export interface RouterReplica extends RouterAt {
  stop(): Promise<void>;
  /** Ends the process with SIGKILL, as a crash or an evicted pod would: it cleans nothing up. */
  kill(): Promise<void>;
}

/** A second router, ready to answer; group events and account revocations reach it over `redisUrl`, as they reach the stack's router. */
export function startRouterReplica(redisUrl: string): Promise<RouterReplica> {
  // As packages/launcher/src/stack.ts starts the stack's router.
  return startRouterProcess({
    USER_SUBGRAPH_URL: inject('userSubgraphUrl'),
    FINANCE_SUBGRAPH_URL: inject('financeSubgraphUrl'),
    USER_GRPC_ADDRESS: inject('userGrpcAddress'),
    FINANCE_GRPC_ADDRESS: inject('financeGrpcAddress'),
    JWT_SECRET: inject('jwtSecret'),
    ROUTER_SIGNING_SECRET: inject('routerSigningSecret'),
    SERVICE_SIGNING_SECRET: inject('serviceSigningSecret'),
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: inject('redisKeyPrefix'),
  });
}

/** A router process (from source) with this environment on a free loopback port, once it is ready. */
export async function startRouterProcess(environment: Record<string, string>): Promise<RouterReplica> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...(await freeMetricsPortVariables()),
    ...ONE_ADDRESS_FOR_ALL_CLIENTS,
    ...environment,
  };
  const output = process.env['TEST_STACK_OUTPUT'] === 'inherit' ? 'inherit' : 'ignore';
  const router = startServiceProcess('second router', 'router/src/main.ts', env, output);
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(router, `${origin}/readyz`, READY_TIMEOUT_MS);
  } catch (error) {
    await router.stop();
    throw error;
  }
  return {
    ...routerAt(origin),
    stop: () => router.stop(),
    async kill() {
      router.child.kill('SIGKILL');
      await router.exited;
    },
  };
}
