// Builds the router's HTTP server: GraphQL at /graphql, the REST routes, health probes, request ids.
import { createServer, type Server } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import {
  httpErrorHandler,
  mountHealthRoutes,
  REQUEST_ID_HEADER,
  requestIdFrom,
  userServiceTokenChecks,
  type Logger,
} from '@ledgerline/service-runtime';
import express from 'express';
import type { RouterConfig } from './config.js';
import { routerContextFrom } from './context.js';
import { createGatewayServer } from './gateway.js';
import { restApi, restRouteNotFound } from './rest/restApi.js';
import { grpcGroupEventFeed } from './subscriptions/grpcGroupEventFeed.js';
import { redisGroupEventFeed } from './subscriptions/redisGroupEventFeed.js';
import { graphqlSubscriptions } from './subscriptions/subscriptionServer.js';
import { dispatchUpgrades } from './subscriptions/webSocketUpgrades.js';
import { composeSupergraph, subgraphLocations } from './supergraph.js';
import { buildSchema } from 'graphql';
import { apiSchemaSdl } from './clientSchema.js';

/** The router's name in the credentials it presents to the subgraphs' gRPC services. */
export const ROUTER_SERVICE_NAME = 'ledgerline-router';

export interface Router {
  httpServer: Server;
  stop(): Promise<void>;
}

export async function buildRouter(config: RouterConfig, log: Logger): Promise<Router> {
  const subgraphs = subgraphLocations(config.subgraphs);
  const supergraphSdl = composeSupergraph(subgraphs);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const apollo = createGatewayServer(config, supergraphSdl, httpServer);
  await apollo.start();

  // Echo one request id to the caller, the logs and the subgraphs alike.
  app.use((req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    next();
  });
  mountHealthRoutes(
    app,
    subgraphs.map(({ name, url }) => ({ name: `${name} subgraph`, check: () => expectReady(url) })),
    log,
  );
  app.use(restApi({ apollo, jwtSecret: config.jwtSecret, maxRequestBodyBytes: config.maxRequestBodyBytes, log }));
  app.use(
    '/graphql',
    express.json({ limit: config.maxRequestBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => routerContextFrom(req.headers, config.jwtSecret, log),
    }),
  );
  app.use(httpErrorHandler(log));
  app.use(restRouteNotFound);

  const self = { name: ROUTER_SERVICE_NAME, secret: config.serviceSigningSecret };
  const feed =
    'redisUrl' in config.groupEvents
      ? redisGroupEventFeed(config.groupEvents.redisUrl, log)
      : grpcGroupEventFeed(config.groupEvents.financeGrpcAddress, self, log);
  // Answers are never reused: each check is a WebSocket being accepted or re-examined.
  const tokens = userServiceTokenChecks(config.userGrpcAddress, self, 0);
  const subscriptions = graphqlSubscriptions({
    apollo,
    // Built from SDL with our own graphql module: federation-internals' schema objects come from
    // graphql's CommonJS build, which graphql's ES module build does not accept as a schema.
    schema: buildSchema(apiSchemaSdl(supergraphSdl)),
    feed,
    jwtSecret: config.jwtSecret,
    tokens,
    tokenRecheckMs: config.webSocketTokenRecheckMs,
    keepAliveMs: config.webSocketKeepAliveMs,
    maxMessageBytes: config.maxRequestBodyBytes,
    log,
  });
  const upgrades = dispatchUpgrades(httpServer, [subscriptions.route]);

  return {
    httpServer,
    async stop() {
      upgrades.refuseNewConnections();
      await subscriptions.drain();
      await feed.close();
      tokens.close();
      await apollo.stop();
    },
  };
}

async function expectReady(subgraphUrl: string): Promise<void> {
  const response = await fetch(new URL('/readyz', subgraphUrl), { signal: AbortSignal.timeout(2000) });
  if (!response.ok) throw new Error(`readyz answered ${response.status}`);
}
