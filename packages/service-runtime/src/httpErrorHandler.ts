import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Errors raised before GraphQL runs (a body that is not JSON, too large, ...) answered as a
 * GraphQL-shaped JSON error instead of Express's HTML page, and never with a stack trace.
 */
export function httpErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const httpError = (typeof error === 'object' && error !== null ? error : {}) as HttpError;
    const status = httpError.status ?? httpError.statusCode ?? 500;
    if (status >= 500) log.error({ err: error }, 'unhandled HTTP error');
    const message =
      status === 413
        ? 'Request body is too large'
        : httpError.type === 'entity.parse.failed'
          ? 'Request body is not valid JSON'
          : status < 500 && httpError.expose && error instanceof Error
            ? error.message
            : 'Internal server error';
    res
      .status(status)
      .json({ errors: [{ message, extensions: { code: CODES[status] ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR') } }] });
  };
}
