// Builds the router's HTTP server: GraphQL at /graphql, the REST routes, health probes, request ids.
import { createServer, type Server } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import {
  closeMetricsServer,
  httpErrorHandler,
  metricsServer,
  mountHealthRoutes,
  REQUEST_ID_HEADER,
  requestIdFrom,
  userServiceTokenChecks,
  withServerSpans,
  type Logger,
} from '@ledgerline/service-runtime';
import { ROUTER_SERVICE_NAME } from '@ledgerline/identity';
import express from 'express';
import type { RouterConfig } from './config.js';
import { routerContextFrom, withLiveCaller } from './context.js';
import { tokenLiveness } from './tokenLiveness.js';
import { forgetEndedSessions } from './sessionEndingMutations.js';
import { createGatewayServer } from './gateway.js';
import { restApi, restRouteNotFound } from './rest/restApi.js';
import { restRequestTiming } from './rest/restRequestTiming.js';
import { routerCaches } from './cache/routerCaches.js';
import { routerMetrics } from './metrics.js';
import { connectionSettling } from './connectionSettling.js';
import { crossOriginRequests, originMatcher } from './crossOriginRequests.js';
import { grpcAccountRevocationFeed, redisAccountRevocationFeed } from './subscriptions/accountRevocationFeed.js';
import { groupEventFanOut } from './subscriptions/groupEventFanOut.js';
import { groupSavingsUpdates } from './subscriptions/groupSavingsUpdatesRoute.js';
import { grpcGroupEventFeed } from './subscriptions/grpcGroupEventFeed.js';
import { redisGroupEventFeed } from './subscriptions/redisGroupEventFeed.js';
import { graphqlSubscriptions } from './subscriptions/subscriptionServer.js';
import { subscriptionPlans } from './subscriptions/subscriptionPlans.js';
import { dispatchUpgrades } from './subscriptions/webSocketUpgrades.js';
import { webSocketSessions } from './subscriptions/webSocketSessions.js';
import { connectionSlots } from './subscriptions/connectionSlots/connectionSlots.js';
import { routerSupergraph } from './supergraph.js';
import { buildSchema } from 'graphql';
import { apiSchemaSdl } from './clientSchema.js';
import { clientAddressOf } from './clientAddress.js';
import { operationLimits } from './operationLimits/operationLimits.js';
import { graphqlIdeAssets } from './graphqlIde/graphqlIde.js';
import { webApp } from './webApp.js';

/** How long draining waits for queued events to be written before closing sockets anyway. */
const DRAIN_WAIT_MS = 3_000;
/** How long stopping waits, at most, for requests already sent on open connections to be read. */
const SETTLE_WAIT_MS = 1_000;

export interface Router {
  httpServer: Server;
  /** GET /metrics alone, for a port of its own (METRICS_PORT) that no ingress routes; not yet listening. */
  metricsServer: Server;
  stop(): Promise<void>;
}

export async function buildRouter(config: RouterConfig, log: Logger): Promise<Router> {
  const supergraphSdl = await routerSupergraph(config.supergraphFile, config.subgraphs);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(withServerSpans(app));
  const settling = connectionSettling(httpServer);
  const metrics = routerMetrics();
  const caches = await routerCaches(config.caches, { supergraphSdl, announceStatus: !config.production, metrics, log });
  const limits = operationLimits(config.operationLimits, supergraphSdl);
  const self = { name: ROUTER_SERVICE_NAME, secret: config.serviceSigningSecret };
  // One client of the User service's CheckToken for the whole router. It keeps no answers: the HTTP
  // edge keeps its own (tokenLiveness.ts), and a WebSocket's checks are each an accept or a recheck.
  const tokenChecks = userServiceTokenChecks(config.userGrpcAddress, self, 0, metrics.grpcCalls);
  // Every signed-in HTTP request's token is confirmed live before it is planned or served from the cache.
  const liveness = tokenLiveness(tokenChecks, config.tokenLiveness, metrics, log);
  const apollo = createGatewayServer(config, supergraphSdl, httpServer, caches, metrics, limits, [forgetEndedSessions(liveness)]);
  await apollo.start();

  // Echo one request id to the caller, the logs and the subgraphs alike.
  app.use((req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    next();
  });
  app.use(crossOriginRequests(config.corsOrigins));
  let stopping = false;
  mountHealthRoutes(
    app,
    {
      // A replica serves while a subgraph is away (what the other one answers), so only its own
      // shutdown takes it out of the load balancer; the subgraphs' state is reported alongside.
      required: [
        {
          name: 'router',
          check: async () => {
            if (stopping) throw new Error('shutting down');
          },
        },
      ],
      reported: Object.entries(config.subgraphs).map(([name, url]) => ({ name: `${name} subgraph`, check: () => expectReady(url) })),
    },
    log,
  );
  if (!config.production) app.use(graphqlIdeAssets());
  // Before the REST routes, which it shares no path with: a GraphQL request is then not tried
  // against each of their paths first (a twentieth of the router's CPU per request).
  app.use(
    '/graphql',
    express.json({ limit: config.maxRequestBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        withLiveCaller(routerContextFrom(req.headers, config.jwtSecret, log, clientAddressOf(req, config.trustProxyHops)), liveness),
    }),
  );
  const webAppRoutes = webApp(config.webAppDir, log);
  if (webAppRoutes) app.use(webAppRoutes);
  app.use(restRequestTiming(metrics));
  app.use(
    restApi({
      apollo,
      jwtSecret: config.jwtSecret,
      liveness,
      maxRequestBodyBytes: config.maxRequestBodyBytes,
      trustProxyHops: config.trustProxyHops,
      log,
    }),
  );
  app.use(httpErrorHandler(log));
  app.use(restRouteNotFound);

  const bus = config.groupEvents;
  const feed =
    'redisUrl' in bus
      ? redisGroupEventFeed(bus.redisUrl, bus.keyPrefix, log)
      : grpcGroupEventFeed(bus.financeGrpcAddress, self, metrics.grpcCalls, log);
  const revocations =
    'redisUrl' in bus
      ? redisAccountRevocationFeed(bus.redisUrl, bus.keyPrefix, log)
      : grpcAccountRevocationFeed(config.userGrpcAddress, self, metrics.grpcCalls, log);
  const fanOut = groupEventFanOut(feed, metrics, log);
  const rules = config.webSockets;
  const slots = await connectionSlots(config.webSocketSlots, metrics, log);
  const sessions = webSocketSessions({
    tokens: tokenChecks,
    tokenRecheckMs: rules.tokenRecheckMs,
    maxConnectionsPerUser: rules.maxConnectionsPerUser,
    slots,
    sendTimeoutMs: rules.sendTimeoutMs,
    maxQueuedEvents: rules.maxQueuedEvents,
    metrics,
    log,
  });
  const stopFollowingRevocations = revocations.onRevoked((revocation) => {
    liveness.revoked(revocation);
    sessions.revoked(revocation.userId);
    // A logout leaves the account's key, and so its cached answers, to its other sessions.
    if (revocation.sessionId === null) void caches.forgetAccount(revocation.userId);
  });
  // Built from SDL with our own graphql module: federation-internals' schema objects come from
  // graphql's CommonJS build, which graphql's ES module build does not accept as a schema.
  const schema = buildSchema(apiSchemaSdl(supergraphSdl));
  const plans = subscriptionPlans(schema, { ...limits, hideSchemaDetails: config.production });
  const shared = {
    apollo,
    schema,
    plans,
    fanOut,
    sessions,
    liveness,
    jwtSecret: config.jwtSecret,
    trustProxyHops: config.trustProxyHops,
    metrics,
    log,
  };
  const socketRules = { keepAliveMs: rules.keepAliveMs, initTimeoutMs: rules.initTimeoutMs, maxMessageBytes: rules.maxMessageBytes };
  const subscriptions = graphqlSubscriptions({
    ...shared,
    ...socketRules,
    maxSubscriptionsPerConnection: rules.maxSubscriptionsPerConnection,
  });
  const groupUpdates = groupSavingsUpdates({ ...shared, ...socketRules });
  const upgrades = dispatchUpgrades(httpServer, [subscriptions.route, groupUpdates.route], {
    maxConnectionsPerAddress: rules.maxConnectionsPerAddress,
    trustProxyHops: config.trustProxyHops,
    allowsOrigin: originMatcher(config.corsOrigins),
    slots,
    metrics,
  });

  const metricsEndpoint = metricsServer(metrics.registry);
  return {
    httpServer,
    metricsServer: metricsEndpoint,
    async stop() {
      stopping = true;
      upgrades.refuseNewConnections();
      await settling.stopAcceptingConnections(SETTLE_WAIT_MS);
      await fanOut.settle();
      await sessions.drain(DRAIN_WAIT_MS);
      await Promise.all([subscriptions.dispose(), groupUpdates.dispose()]);
      await slots.close();
      stopFollowingRevocations();
      await Promise.all([feed.close(), revocations.close()]);
      sessions.stop();
      tokenChecks.close();
      await apollo.stop();
      await caches.close();
      await closeMetricsServer(metricsEndpoint);
    },
  };
}

async function expectReady(subgraphUrl: string): Promise<void> {
  const response = await fetch(new URL('/readyz', subgraphUrl), { signal: AbortSignal.timeout(2000) });
  if (!response.ok) throw new Error(`readyz answered ${response.status}`);
}
