import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { InvalidTokenError, ROUTER_ASSERTION_HEADER, verifyRouterAssertion, type Caller } from '@ledgerline/identity';
import type { Logger } from 'pino';
import { DEADLINE_AT_HEADER, DEADLINE_HEADER, deadlineFrom, type Deadline } from './deadlines.js';
import { DomainError } from './DomainError.js';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyFrom } from './idempotencyKey.js';
import { requestIdFrom } from './requestId.js';

/** What every subgraph resolver knows about the request it serves. */
export interface SubgraphContext {
  /** The caller, as verified by the router; null for anonymous operations. */
  caller: Caller | null;
  /** The caller's user id, or the user who has just signed in during this operation; null otherwise. */
  userId: number | null;
  requestId: string;
  /** When the router stops waiting for this request, on this process's clock; null without one. */
  deadline: Deadline;
  /** The client's Idempotency-Key for this mutation, passed on by the router; null without one. */
  idempotencyKey: string | null;
  log: Logger;
}

/**
 * Subgraphs trust only the router: a request without a valid router assertion is refused whole,
 * before any resolver runs, whatever identity it claims.
 */
export function subgraphContextFrom(headers: IncomingHttpHeaders, secret: string, log: Logger): SubgraphContext {
  const header = headers[ROUTER_ASSERTION_HEADER];
  if (typeof header !== 'string') throw notFromRouter('missing router assertion');
  try {
    const { caller, requestId } = verifyRouterAssertion(header, secret);
    const id = requestId === '' ? requestIdFrom(undefined) : requestId;
    const userId = caller?.userId ?? null;
    return {
      caller,
      userId,
      requestId: id,
      deadline: deadlineFrom(headers[DEADLINE_HEADER], headers[DEADLINE_AT_HEADER]),
      idempotencyKey: idempotencyKeyFrom(headers[IDEMPOTENCY_KEY_HEADER]),
      log: log.child({ requestId: id, userId }),
    };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw notFromRouter(error.reason);
    throw error;
  }
}

function notFromRouter(reason: string): GraphQLError {
  return new GraphQLError(`Subgraphs only accept requests from the router (${reason})`, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

/** The caller's id, or an UNAUTHENTICATED error for anonymous requests. */
export function requireUser(context: SubgraphContext): number {
  if (context.userId === null) throw new DomainError('UNAUTHENTICATED', 'You must be signed in');
  return context.userId;
}

/** The caller, or an UNAUTHENTICATED error for anonymous requests. */
export function requireCaller(context: SubgraphContext): Caller {
  if (context.caller === null) throw new DomainError('UNAUTHENTICATED', 'You must be signed in');
  return context.caller;
}
