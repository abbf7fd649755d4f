// A database that cannot be reached (down, restarting, refusing connections, out of connections)
// is not a bug in the request: callers get SERVICE_UNAVAILABLE, a code that says "try again", and
// the logs a warning, instead of an unexplained INTERNAL_SERVER_ERROR. Prisma reports it in several
// shapes (its own P1xxx codes, the driver adapter's error kinds, PostgreSQL's SQLSTATE), so each is
// looked for along the error's causes.
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, formatDomainError } from './DomainError.js';

/** Can't reach the server, timed out, closed the connection, pool timed out. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** What @prisma/adapter-pg calls a refused, reset or timed-out socket, or a full server. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** Class 08 (connection exception), and the server shutting down or starting up (57P01-57P03). */
const SQLSTATE = /^(08...|57P0[123])$/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

interface ErrorShape {
  code?: unknown;
  kind?: unknown;
  /** Set on node-postgres's DatabaseError, the server's own error message, as a raw pool query raises it. */
  severity?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, kind, severity, message, cause, meta } = error as ErrorShape;
  if (typeof code === 'string' && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code))) return true;
  if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
  // A SQLSTATE from PostgreSQL, through Prisma's adapter (kind postgres) or straight from node-postgres (severity).
  const fromPostgres = kind === 'postgres' || typeof severity === 'string';
  if (fromPostgres && typeof code === 'string' && SQLSTATE.test(code)) return true;
  // node-postgres's own words for a connection the server ended or that broke under it.
  if (typeof message === 'string' && /Connection terminated|terminating connection|encountered a connection error/.test(message))
    return true;
  return isDatabaseUnavailable(meta?.driverAdapterError?.cause, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}

export const databaseUnavailable = (): DomainError =>
  new DomainError(
    'SERVICE_UNAVAILABLE',
    'The service’s database could not be reached; try again shortly (a write with the same Idempotency-Key)',
  );

/** The error a client sees for a resolver that failed on an unreachable database; undefined for any other error. */
export function formatDatabaseUnavailable(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  return isDatabaseUnavailable(unwrapResolverError(error)) ? formatDomainError(formatted, databaseUnavailable()) : undefined;
}
