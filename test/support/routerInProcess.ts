// The router built in-process (buildRouter) in front of subgraphs started by
// startSubgraphsInProcess, and how a test talks to it: GraphQL over HTTP, as a client would.
import type { AddressInfo } from 'node:net';
import { createLogger, listen, type Logger } from '@ledgerline/service-runtime';
import type { CacheSettings, WebSocketRules } from '../../router/src/config.js';
import { buildRouter } from '../../router/src/server.js';
import { routerAt, type RouterAt } from './routerAt.js';
import type { InProcessSubgraphs } from './subgraphsInProcess.js';

export type { GraphQLAnswer } from './routerAt.js';

export interface InProcessRouter extends RouterAt {
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
  } = {},
): Promise<InProcessRouter> {
  const router = await buildRouter(
    {
      production: options.production ?? false,
      host: '127.0.0.1',
      port: 0,
      subgraphs: { user: subgraphs.userUrl, finance: subgraphs.financeUrl },
      subgraphTimeoutMs: 10_000,
      maxRequestBodyBytes: 100_000,
      logLevel: 'silent',
      jwtSecret: subgraphs.secrets.jwtSecret,
      routerSigningSecret: subgraphs.secrets.routerSigningSecret,
      serviceSigningSecret: subgraphs.secrets.serviceSigningSecret,
      groupEvents:
        options.redisUrl === undefined
          ? { financeGrpcAddress: subgraphs.financeGrpcAddress }
          : { redisUrl: options.redisUrl, keyPrefix: subgraphs.redisKeyPrefix },
      userGrpcAddress: subgraphs.userGrpcAddress,
      caches: {
        redis:
          options.redisUrl === undefined ? null : { url: options.redisUrl, keyPrefix: subgraphs.redisKeyPrefix, commandTimeoutMs: 500 },
        responsesEnabled: true,
        inProcessMiB: 16,
        persistedQueryTtlSeconds: 3_600,
        queryPlanMiB: 30,
        ...options.caches,
      },
      webSockets: {
        keepAliveMs: 12_000,
        tokenRecheckMs: 60_000,
        initTimeoutMs: 5_000,
        sendTimeoutMs: 5_000,
        maxQueuedEvents: 1_000,
        maxMessageBytes: 65_536,
        maxConnectionsPerUser: 20,
        maxConnectionsPerAddress: 1_000,
        maxSubscriptionsPerConnection: 50,
        ...options.webSockets,
      },
    },
    options.log ?? createLogger('router-test', 'silent'),
  );
  await listen(router.httpServer, 0, '127.0.0.1');
  const origin = `http://127.0.0.1:${(router.httpServer.address() as AddressInfo).port}`;

  return {
    ...routerAt(origin),
    stop: () => router.stop(),
  };
}
