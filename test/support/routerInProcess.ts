// The router built in-process (buildRouter) in front of subgraphs started by
// startSubgraphsInProcess, and how a test talks to it: GraphQL over HTTP, as a client would.
import type { AddressInfo } from 'node:net';
import { createLogger, listen, type Logger } from '@ledgerline/service-runtime';
import { readConfig, type CacheSettings, type WebSocketRules } from '../../router/src/config.js';
import { buildRouter } from '../../router/src/server.js';
import { routerAt, type RouterAt } from './routerAt.js';
import type { InProcessSubgraphs } from './subgraphsInProcess.js';
import { ONE_ADDRESS_FOR_ALL_CLIENTS } from './loginThrottleForTests.js';

export type { GraphQLAnswer } from './routerAt.js';

export interface InProcessRouter extends RouterAt {
  /** Where its GET /metrics is served, apart from the public origin: http://127.0.0.1:<port>. */
  metricsOrigin: string;
  stop(): Promise<void>;
}

export async function startRouterInFrontOf(
  subgraphs: InProcessSubgraphs,
  options: {
    redisUrl?: string;
    webSockets?: Partial<WebSocketRules>;
    caches?: Partial<CacheSettings>;
    production?: boolean;
    /** Where the router logs; silent by default. */
    log?: Logger;
    /** Subgraph URLs to use instead of the subgraphs' own (a proxy in front of one). */
    subgraphUrls?: { user?: string; finance?: string };
    /** More of the router's environment, e.g. SUBGRAPH_TIMEOUT_MS. */
    environment?: Record<string, string>;
  } = {},
): Promise<InProcessRouter> {
  // Read as a deployed router reads its environment, so every default is the router's own (config.ts).
  const config = readConfig({
    PORT: '0',
    USER_SUBGRAPH_URL: options.subgraphUrls?.user ?? subgraphs.userUrl,
    FINANCE_SUBGRAPH_URL: options.subgraphUrls?.finance ?? subgraphs.financeUrl,
    USER_GRPC_ADDRESS: subgraphs.userGrpcAddress,
    FINANCE_GRPC_ADDRESS: subgraphs.financeGrpcAddress,
    JWT_SECRET: subgraphs.secrets.jwtSecret,
    ROUTER_SIGNING_SECRET: subgraphs.secrets.routerSigningSecret,
    SERVICE_SIGNING_SECRET: subgraphs.secrets.serviceSigningSecret,
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: subgraphs.redisKeyPrefix,
    MAX_REQUEST_BODY_BYTES: '100000',
    // Every test socket comes from 127.0.0.1.
    WEBSOCKET_MAX_CONNECTIONS_PER_ADDRESS: '1000',
    ...ONE_ADDRESS_FOR_ALL_CLIENTS,
    RESPONSE_CACHE_MEMORY_MIB: '16',
    LOG_LEVEL: 'silent',
    ...options.environment,
  });
  const router = await buildRouter(
    {
      ...config,
      production: options.production ?? false,
      caches: { ...config.caches, ...options.caches },
      webSockets: { ...config.webSockets, ...options.webSockets },
    },
    options.log ?? createLogger('router-test', 'silent'),
  );
  await listen(router.httpServer, 0, '127.0.0.1');
  await listen(router.metricsServer, 0, '127.0.0.1');
  const origin = `http://127.0.0.1:${(router.httpServer.address() as AddressInfo).port}`;

  return {
    ...routerAt(origin),
    metricsOrigin: `http://127.0.0.1:${(router.metricsServer.address() as AddressInfo).port}`,
    stop: () => router.stop(),
  };
}
