// Answers every failure of a REST route, and any unknown route, in the REST error model: never
// Express's HTML page, never a stack trace. /graphql keeps its own GraphQL-shaped handler.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '@ledgerline/service-runtime';
import { RestError } from './errorModel.js';

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

export function restErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const restError = error instanceof RestError ? error : fromHttpError(error);
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

/** The last handler of the app: whatever no route answered. */
export const restRouteNotFound: RequestHandler = (req, res) => {
  sendRestError(res, new RestError('NOT_FOUND', `No route ${req.method} ${req.path.slice(0, 200)}`));
};
