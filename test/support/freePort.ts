import { createServer } from 'node:net';
import type { StackPorts } from '../../packages/launcher/src/stack.js';

/** A port that was free a moment ago; good enough for a test stack on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A free port for each process of the stack (startStack), as the e2e tier and the benchmarks start it. */
export async function freeStackPorts(): Promise<StackPorts> {
  return {
    router: await freePort(),
    user: await freePort(),
    finance: await freePort(),
    userGrpc: await freePort(),
    financeGrpc: await freePort(),
    routerMetrics: await freePort(),
    userMetrics: await freePort(),
    financeMetrics: await freePort(),
  };
}

/** Free metrics ports for services started outside startStack, so none falls back to the defaults (9464...) another run holds. */
export async function freeMetricsPortVariables(): Promise<Record<'METRICS_PORT' | 'USER_METRICS_PORT' | 'FINANCE_METRICS_PORT', string>> {
  return {
    METRICS_PORT: String(await freePort()),
    USER_METRICS_PORT: String(await freePort()),
    FINANCE_METRICS_PORT: String(await freePort()),
  };
}
