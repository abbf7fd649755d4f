// The REST compatibility API, mounted beside /graphql: the original design's routes, their
// OpenAPI document at /openapi.json and a page to read it at /docs.
import express, { type Router } from 'express';
import { docsPage } from './docsPage.js';
import { restErrorHandler } from './errorResponses.js';
import { expenseRoutes } from './expense.js';
import { incomeRoutes } from './income.js';
import { openApiDocument } from './openapiDocument.js';
import { routeHandlers, type RouteDependencies } from './routeHandlers.js';
import type { RestRoute } from './restRoute.js';
import { savingsRoutes } from './savings.js';
import { userRoutes } from './user.js';

export const restRoutes: RestRoute[] = [...userRoutes, ...incomeRoutes, ...expenseRoutes, ...savingsRoutes];

export function restApi(deps: RouteDependencies): Router {
  const router = express.Router();
  const document = openApiDocument(restRoutes);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use(docsPage());
  router.use(routeHandlers(restRoutes, deps));
  // Only errors raised inside this router reach it: /graphql keeps its GraphQL-shaped errors.
  router.use(restErrorHandler(restRoutes, deps.log));
  return router;
}

export { restRouteNotFound } from './errorResponses.js';
