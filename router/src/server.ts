// Builds the router's HTTP server: GraphQL at /graphql, the REST routes, health probes, request ids.
import { createServer, type Server } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import { httpErrorHandler, mountHealthRoutes, REQUEST_ID_HEADER, requestIdFrom, type Logger } from '@ledgerline/service-runtime';
import express from 'express';
import type { RouterConfig } from './config.js';
import { routerContextFrom } from './context.js';
import { createGatewayServer } from './gateway.js';
import { restApi, restRouteNotFound } from './rest/restApi.js';
import { composeSupergraph, subgraphLocations } from './supergraph.js';

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
  return { httpServer, stop: () => apollo.stop() };
}

async function expectReady(subgraphUrl: string): Promise<void> {
  const response = await fetch(new URL('/readyz', subgraphUrl), { signal: AbortSignal.timeout(2000) });
  if (!response.ok) throw new Error(`readyz answered ${response.status}`);
}
