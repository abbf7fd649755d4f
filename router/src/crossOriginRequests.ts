// CORS: which browser origins may call the router, on /graphql and every REST route alike. Only
// listed origins get Access-Control-* headers; a preflight from any other origin is refused with
// 403, so the browser never sends the request. Tokens travel in the Authorization header, never
// in cookies, so credentials are not allowed and a listed origin learns nothing a script could
// not already read with its own token. CSRF is still guarded apart from this: Apollo Server's
// csrfPrevention on /graphql and JSON-only bodies on REST both need a preflight for any
// cross-origin write.
import type { RequestHandler } from 'express';

/** Request headers a browser client may send: the token, JSON bodies, retries and tracing. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'x-request-id',
  'apollo-require-preflight',
  'apollographql-client-name',
  'apollographql-client-version',
];
/** Response headers a browser client may read besides the CORS-safelisted ones. */
const EXPOSED_HEADERS = ['retry-after', 'x-request-id', 'allow'];
const ALLOWED_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'];
/** How long a browser may reuse a preflight's answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * An allowed origin as configured: exact ("https://app.example.com") or with any port
 * ("http://localhost:*"). Scheme and host always match exactly.
 */
export type OriginPattern = string;

const ORIGIN_PATTERN = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(:(\*|[0-9]{1,5}))?$/;

/** Why a configured origin is not usable, or null when it is. */
export function originPatternProblem(pattern: string): string | null {
  if (ORIGIN_PATTERN.test(pattern)) return null;
  return `"${pattern}" is not an origin: scheme://host, with an optional :port or :* (any port), no path, lower case`;
}

export function originMatcher(patterns: readonly OriginPattern[]): (origin: string) => boolean {
  const exact = new Set(patterns.filter((pattern) => !pattern.endsWith(':*')));
  const anyPort = patterns.filter((pattern) => pattern.endsWith(':*')).map((pattern) => pattern.slice(0, -':*'.length));
  return (origin) => {
    if (exact.has(origin)) return true;
    return anyPort.some((base) => origin === base || (origin.startsWith(`${base}:`) && /^[0-9]{1,5}$/.test(origin.slice(base.length + 1))));
  };
}

/** Whether a browser's Origin is the router's own, as the request's Host names it (http or https alike). */
export function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

export function crossOriginRequests(allowedOrigins: readonly OriginPattern[]): RequestHandler {
  const allowed = originMatcher(allowedOrigins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    // Answers differ by Origin, so no shared cache may give one origin's answer to another.
    res.vary('Origin');
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (origin === undefined) {
      next();
      return;
    }
    if (!allowed(origin)) {
      if (preflight) {
        res.status(403).json({ error: { code: 'FORBIDDEN', message: `Origin ${origin} may not call this API` } });
        return;
      }
      // A simple request from elsewhere is answered without CORS headers: the browser hides the answer.
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    if (!preflight) {
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS.join(', '));
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS.join(', '));
    res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
    res.status(204).end();
  };
}
