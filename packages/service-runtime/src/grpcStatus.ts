// The one table between gRPC status codes and the domain's error codes, which GraphQL answers as
// `extensions.code` and the router's REST routes as HTTP statuses. Servers answer a DomainError
// with its status; clients turn a failed call into what their own caller should see.
import { status, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { databaseUnavailable, isDatabaseUnavailable } from './databaseUnavailable.js';
import { DomainError, type DomainErrorCode } from './DomainError.js';

// Over every code: a new DomainErrorCode does not compile until it has a gRPC status here.
const STATUS_OF_DOMAIN_CODE: Record<DomainErrorCode, status> = {
  BAD_USER_INPUT: status.INVALID_ARGUMENT,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  INVALID_CREDENTIALS: status.UNAUTHENTICATED,
  FORBIDDEN: status.PERMISSION_DENIED,
  NOT_FOUND: status.NOT_FOUND,
  EMAIL_TAKEN: status.ALREADY_EXISTS,
  USERNAME_TAKEN: status.ALREADY_EXISTS,
  GROUP_CLOSED: status.FAILED_PRECONDITION,
  EVENTS_EXPIRED: status.OUT_OF_RANGE,
  SERVICE_UNAVAILABLE: status.UNAVAILABLE,
  SUBGRAPH_UNAVAILABLE: status.UNAVAILABLE,
  SUBGRAPH_TIMEOUT: status.DEADLINE_EXCEEDED,
  DEADLINE_EXCEEDED: status.DEADLINE_EXCEEDED,
  IDEMPOTENCY_KEY_REUSED: status.FAILED_PRECONDITION,
  TOO_MANY_REQUESTS: status.RESOURCE_EXHAUSTED,
  SERVICE_BUSY: status.RESOURCE_EXHAUSTED,
};

/**
 * A peer that is down or too slow: the caller may try again later. (Not RESOURCE_EXHAUSTED:
 * grpc-js also answers it for a message over the size limit, which no retry would fix.)
 */
const TRANSIENT = new Set<status>([status.UNAVAILABLE, status.DEADLINE_EXCEEDED]);

/**
 * What a server sends back for an error its handler raised: a DomainError's own status, UNAVAILABLE
 * for a database out of reach (the caller may retry), anything else INTERNAL, unexplained.
 */
export function grpcStatusOf(error: unknown): Partial<StatusObject> {
  const answered = isDatabaseUnavailable(error) ? databaseUnavailable() : error;
  if (answered instanceof DomainError) return { code: STATUS_OF_DOMAIN_CODE[answered.code], details: answered.message };
  return { code: status.INTERNAL, details: 'internal error' };
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number' && 'metadata' in error;
}

/**
 * What a failed call to `service` means to the user whose request made it: SERVICE_UNAVAILABLE
 * (503) when the peer is down or slow; otherwise our own fault (a refused credential is a
 * misconfigured secret, not the user's), an internal error the logs explain.
 */
export function errorFromFailedCall(error: unknown, service: string): Error {
  if (!isServiceError(error)) return error instanceof Error ? error : new Error(String(error));
  if (TRANSIENT.has(error.code)) {
    const reason = error.code === status.DEADLINE_EXCEEDED ? 'did not answer in time' : 'is unreachable';
    return new DomainError(
      'SERVICE_UNAVAILABLE',
      `The ${service} service ${reason}; nothing was changed, try again shortly`,
      {},
      { cause: error },
    );
  }
  return new Error(`gRPC call to the ${service} service failed: ${status[error.code]} ${error.details}`, { cause: error });
}
