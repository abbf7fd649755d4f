// Answers every failure of a REST route, and any unknown route, in the REST error model: never
// Express's HTML page, never a stack trace. /graphql keeps its own GraphQL-shaped handler.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '@ledgerline/service-runtime';
import { badFields, RestError } from './errorModel.js';
import type { RestRoute } from './restRoute.js';

/** What body-parser and Express attach to the errors they raise. */
interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
}

export function sendRestError(res: Response, error: RestError): void {
  // Unknown routes too: no REST answer is kept by a cache, as routeHandlers.ts explains.
  res.setHeader('Cache-Control', 'no-store');
  if (error.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer');
  res.status(error.status).json(error.body);
}

export function restErrorHandler(routes: RestRoute[], log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const restError = error instanceof RestError ? error : (undecodablePathParameter(error, req.path, routes) ?? fromHttpError(error));
    if (restError.status >= 500) log.error({ err: error }, 'REST route failed');
    sendRestError(res, restError);
  };
}

function fromHttpError(error: unknown): RestError {
  const { status = 500, statusCode, type } = (typeof error === 'object' && error !== null ? error : {}) as HttpError;
  const httpStatus = statusCode ?? status;
  if (httpStatus === 413) return new RestError('PAYLOAD_TOO_LARGE', 'Request body is too large');
  if (httpStatus === 415) return new RestError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be JSON in UTF-8');
  if (type === 'entity.parse.failed') return new RestError('MALFORMED_JSON', 'Request body is not valid JSON');
  if (httpStatus >= 400 && httpStatus < 500) return new RestError('BAD_REQUEST', 'Request could not be read');
  return new RestError('INTERNAL_SERVER_ERROR', 'Internal server error');
}

/**
 * Express cannot percent-decode a path segment such as %E0%A4%A (a URIError, before any route
 * runs): the refusal names the route's parameter, as an id that is not an integer would be named.
 */
function undecodablePathParameter(error: unknown, path: string, routes: RestRoute[]): RestError | null {
  if (!(error instanceof URIError)) return null;
  for (const route of routes) {
    const names: string[] = [];
    const pattern = route.path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
      names.push(name);
      return '[^/]+';
    });
    if (names.length > 0 && new RegExp(`^${pattern}/?$`).test(path)) {
      return badFields(names.map((field) => ({ field, message: 'must be a positive integer id, percent-encoded as UTF-8' })));
    }
  }
  return null;
}

/** The last handler of the app: whatever no route answered. */
export const restRouteNotFound: RequestHandler = (req, res) => {
  sendRestError(res, new RestError('NOT_FOUND', `No route ${req.method} ${req.path.slice(0, 200)}`));
};
