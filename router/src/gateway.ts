// @apollo/gateway on @apollo/server: the composed supergraph served at /graphql.
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { operationDurationPlugin, operationLogPlugin } from '@ledgerline/service-runtime';
import type { Server } from 'node:http';
import type { RouterCaches } from './cache/routerCaches.js';
import type { RouterConfig } from './config.js';
import type { RouterContext } from './context.js';
import type { RouterMetrics } from './metrics.js';
import { SubgraphDataSource } from './subgraphDataSource.js';
import { refuseSubscriptionsOverHttp } from './subscriptions/subscriptionsOverHttp.js';
import { oneMutationPerIdempotencyKey } from './idempotencyKeyScope.js';
import { refuseUnreadableNumbers } from './unreadableNumbers.js';
import { refuseUnresolvedOperations } from './unresolvedOperations.js';
import { loginThrottlePlugin } from './loginThrottle/loginThrottlePlugin.js';
import { retryAfterHeader } from './loginThrottle/retryAfterHeader.js';
import type { OperationLimits } from './operationLimits/operationLimits.js';
import { refuseCostlyRequests } from './operationLimits/refuseCostlyRequests.js';
import { formatRouterError } from './routerErrorFormat.js';
import { graphqlIdeLandingPage } from './graphqlIde/graphqlIde.js';

export function createGatewayServer(
  config: RouterConfig,
  supergraphSdl: string,
  httpServer: Server,
  caches: RouterCaches,
  metrics: RouterMetrics,
  operationLimits: OperationLimits,
  /** Plugins of the router's own concerns beyond the caches (sessionEndingMutations.ts). */
  routerPlugins: ApolloServerPlugin<RouterContext>[] = [],
) {
  const limits = { callTimeoutMs: config.subgraphTimeoutMs, operationTimeoutMs: config.operationTimeoutMs };
  const gateway = new ApolloGateway({
    supergraphSdl,
    experimental_approximateQueryPlanStoreMiB: config.caches.queryPlanMiB,
    buildService: ({ name, url }) => {
      if (url === undefined) throw new Error('Every subgraph in the supergraph needs a URL');
      return new SubgraphDataSource(url, name, config.routerSigningSecret, limits, metrics);
    },
  });
  return new ApolloServer<RouterContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // Our own handler drains and exits once; Apollo's would stop the server and re-raise the signal.
    stopOnTerminationSignals: false,
    formatError: formatRouterError,
    // Refused while parsing and validating, then with the request's variables (refuseCostlyRequests),
    // before the gateway plans anything (operationLimits/).
    parseOptions: operationLimits.parseOptions,
    validationRules: operationLimits.validationRules,
    // Set here, not left to Apollo Server, which would read NODE_ENV itself.
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    persistedQueries: { cache: caches.persistedQueries, ttl: config.caches.persistedQueryTtlSeconds },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      config.production ? ApolloServerPluginLandingPageDisabled() : graphqlIdeLandingPage(),
      operationLogPlugin(),
      operationDurationPlugin(metrics.operationDurations),
      refuseSubscriptionsOverHttp,
      refuseUnresolvedOperations,
      refuseUnreadableNumbers,
      // After the two above, so an unknown operationName or an unreadable number is refused for that.
      refuseCostlyRequests(operationLimits),
      oneMutationPerIdempotencyKey,
      loginThrottlePlugin(config.loginThrottle, metrics),
      retryAfterHeader,
      ...routerPlugins,
      ...caches.plugins,
    ],
  });
}
