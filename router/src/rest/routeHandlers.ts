// Serves RestRoute definitions with Express: authenticate, read the JSON body, run the route
// through the gateway, answer with its status. Failures go on to the REST error handler. No
// answer is kept by a cache (Cache-Control: no-store): they hold tokens and people's money.
import type { ApolloServer } from '@apollo/server';
import type { Logger } from '@ledgerline/service-runtime';
import express, { type RequestHandler, type Router } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { routerContextFrom, withLiveCaller, type RouterContext } from '../context.js';
import type { TokenLiveness } from '../tokenLiveness.js';
import { badFields, RestError } from './errorModel.js';
import { clientAddressOf } from '../clientAddress.js';
import { operationRunner, restErrorOfDomain } from './gatewayOperation.js';
import type { RestRoute } from './restRoute.js';

export interface RouteDependencies {
  apollo: ApolloServer<RouterContext>;
  jwtSecret: string;
  /** Whether a signed-in caller's token is still live, asked before the route runs. */
  liveness: TokenLiveness;
  maxRequestBodyBytes: number;
  trustProxyHops: number;
  log: Logger;
}

export function routeHandlers(routes: RestRoute[], deps: RouteDependencies): Router {
  const router = express.Router();
  // Any JSON value, not only objects and arrays, so `null` is refused by the route as "body: must
  // be a JSON object" rather than by the parser as if it were not JSON at all.
  const parseJson = express.json({ limit: deps.maxRequestBodyBytes, strict: false });
  for (const [path, sharingPath] of routesByPath(routes)) {
    const expressRoute = router.route(expressPath(path));
    expressRoute.all(noStore);
    for (const route of sharingPath) {
      const bodyHandlers = route.body === undefined ? [] : [requireJsonBody, parseJson];
      expressRoute[route.method](authenticate(route, deps), ...bodyHandlers, runRoute(route, deps));
    }
    expressRoute.all(methodNotAllowed(sharingPath.map((route) => route.method.toUpperCase())));
  }
  return router;
}

/** In the order given, which matters: /user/register must come before /user/{id}. */
function routesByPath(routes: RestRoute[]): Map<string, RestRoute[]> {
  const byPath = new Map<string, RestRoute[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  return byPath;
}

/** "/income/{userId}" → "/income/:userId". */
const expressPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/** The RouterContext /graphql would build, its token confirmed live; 401 (or 503) before anything else is read. */
function authenticate(route: RestRoute, deps: RouteDependencies): RequestHandler {
  return async (req, res, next) => {
    let context: RouterContext;
    try {
      const claimed = routerContextFrom(req.headers, deps.jwtSecret, deps.log, clientAddressOf(req, deps.trustProxyHops));
      context = await withLiveCaller(claimed, deps.liveness);
    } catch (error) {
      // A refused token (UNAUTHENTICATED), one the User service cannot confirm (SERVICE_UNAVAILABLE) or a bad
      // Idempotency-Key (BAD_USER_INPUT), as /graphql would refuse it.
      if (error instanceof GraphQLError) throw restErrorOfDomain(error.toJSON()) ?? error;
      throw error;
    }
    if (route.auth === 'bearer' && context.caller === null) {
      throw new RestError('UNAUTHENTICATED', 'This route needs an "Authorization: Bearer <token>" header');
    }
    res.locals['routerContext'] = context;
    next();
  };
}

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** No Content-Length and no chunked body, or a Content-Length of 0. */
const hasNoBody = (headers: IncomingHttpHeaders): boolean =>
  headers['content-length'] === undefined ? headers['transfer-encoding'] === undefined : Number(headers['content-length']) === 0;

const requireJsonBody: RequestHandler = (req, _res, next) => {
  // Checked first: without a body, req.is() cannot read the content type and would blame it.
  if (hasNoBody(req.headers)) {
    throw badFields([{ field: 'body', message: 'is missing: send a JSON object, with "Content-Type: application/json"' }]);
  }
  if (!req.is('application/json')) {
    throw new RestError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be JSON, sent with "Content-Type: application/json"');
  }
  next();
};

function runRoute(route: RestRoute, deps: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const context = res.locals['routerContext'] as RouterContext;
    const result = await route.handle(
      { params: req.params, body: req.body as unknown, callerId: context.caller?.userId ?? null },
      operationRunner(deps.apollo, context, (name, value) => res.setHeader(name, value)),
    );
    res.status(route.success.status).json(result);
  };
}

function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req, res) => {
    res.setHeader('Allow', allowed.join(', '));
    throw new RestError('METHOD_NOT_ALLOWED', `${req.method} is not allowed here; use ${allowed.join(' or ')}`);
  };
}
