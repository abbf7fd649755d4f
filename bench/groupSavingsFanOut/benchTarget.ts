// The router the benchmark measures: the whole stack started here (bench/support/benchStack.ts),
// or an already-running router (BENCH_ROUTER_URL).
import { startBenchStack } from '../support/benchStack.js';
import { childProcessRunning } from '../support/processCpu.js';
import type { BenchOptions } from './benchOptions.js';

export interface BenchTarget {
  /** The router's origin, e.g. http://127.0.0.1:4000. */
  routerOrigin: string;
  /** Its GET /metrics, where memory is read from when it is not a child of this process. */
  routerMetricsUrl: string;
  /** The router process, when it is a child of this one; memory is then read from /proc. */
  routerPid: number | null;
  /** What is being measured, for the report. */
  description: { router: string; database: string; groupEvents: string };
  /** Rejects when a service of the stack exits on its own. */
  failed: Promise<never>;
  stop(): Promise<void>;
}

/** Raised for the benchmark only: the router's per-client limits would refuse thousands of sockets from one user and address. */
const routerLimits = {
  WEBSOCKET_MAX_CONNECTIONS_PER_USER: '100000',
  WEBSOCKET_MAX_CONNECTIONS_PER_ADDRESS: '100000',
  LOG_LEVEL: 'warn',
};

export async function benchTarget(options: BenchOptions, log: (message: string) => void): Promise<BenchTarget> {
  const running = options.runningRouter;
  if (running !== null) {
    return {
      routerOrigin: running.origin,
      routerMetricsUrl: running.metricsUrl,
      routerPid: null,
      description: {
        router: `running router at ${running.origin}`,
        database: 'as that router was set up',
        groupEvents: 'as that router was set up',
      },
      failed: new Promise<never>(() => {}),
      stop: async () => {},
    };
  }
  const started = await startBenchStack(options.stack, routerLimits, log);
  return {
    routerOrigin: started.routerOrigin,
    routerMetricsUrl: started.stack.metricsUrls.router,
    routerPid: await childProcessRunning(started.entries.router),
    description: {
      router: `stack started here, router at ${started.routerOrigin}`,
      database: started.databaseKind,
      groupEvents: options.stack.redisUrl === null ? "Finance's gRPC stream" : 'Redis pub/sub',
    },
    failed: started.failed,
    stop: () => started.stop(),
  };
}
