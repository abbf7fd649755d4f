import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';

/**
 * The codes callers can act on. They reach GraphQL clients as `extensions.code`; the router's
 * REST routes map them to HTTP statuses, gRPC to status codes, each in one place.
 */
export type DomainErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'EMAIL_TAKEN'
  | 'USERNAME_TAKEN'
  | 'INVALID_CREDENTIALS'
  /** A savings group that reached its target or passed its deadline takes no more contributions. */
  | 'GROUP_CLOSED'
  /** A resume asked for events older than the group's event log keeps: read the group afresh. */
  | 'EVENTS_EXPIRED'
  /** Another service this one needs is down or too slow: nothing was changed, try again. */
  | 'SERVICE_UNAVAILABLE'
  /** A subgraph behind the router could not be reached: its part of the answer is missing. */
  | 'SUBGRAPH_UNAVAILABLE'
  /** A subgraph did not answer before the request's deadline: a write may or may not have been applied. */
  | 'SUBGRAPH_TIMEOUT'
  /** The request's deadline passed before the work began or could commit: nothing was changed. */
  | 'DEADLINE_EXCEEDED'
  /** An Idempotency-Key already used by this user for a different request. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** Too many attempts (logins) from this client or on this account: try again after `retryAfterSeconds`. */
  | 'TOO_MANY_REQUESTS'
  /** The service is at capacity (password hashing): nothing was done, try again after `retryAfterSeconds`. */
  | 'SERVICE_BUSY';

/** A rule of the domain said no. The message is written for the caller. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Machine-readable detail, e.g. which argument was wrong. */
    readonly details: Record<string, unknown> = {},
    /** What went wrong underneath (a failed gRPC call), for the logs; never shown to the caller. */
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string): DomainError =>
  new DomainError('BAD_USER_INPUT', `${field}: ${message}`, { field });

/** Turns a DomainError raised in a resolver into the error a client sees. */
export function formatDomainError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  const original = unwrapResolverError(error);
  if (!(original instanceof DomainError)) return undefined;
  return {
    message: original.message,
    ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
    ...(formatted.path === undefined ? {} : { path: formatted.path }),
    extensions: { code: original.code, ...original.details },
  };
}
