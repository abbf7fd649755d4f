import type { IncomingHttpHeaders } from 'node:http';
import { bearerTokenOf, InvalidTokenError, verifyUserToken, type Caller, type UserTokenClaims } from '@ledgerline/identity';
import {
  DomainError,
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeyFrom,
  REQUEST_ID_HEADER,
  requestIdFrom,
  type Logger,
} from '@ledgerline/service-runtime';
import { GraphQLError } from 'graphql';
import type { TokenLiveness } from './tokenLiveness.js';

/** What the router knows about a request once it has checked the caller's token. */
export interface RouterContext {
  /** The token's user and account key; null for an anonymous caller. */
  caller: Caller | null;
  requestId: string;
  /** The client's Idempotency-Key, passed on with the mutation it names; null without one. */
  idempotencyKey: string | null;
  /** Who the request comes from, as far as TRUST_PROXY_HOPS lets the router believe (clientAddress.ts). */
  clientAddress: string;
  log: Logger;
}

/**
 * No Authorization header means an anonymous caller (register and login need nothing more);
 * a header that does not hold a valid, unexpired token is refused outright with a 401.
 */
export function tokenClaimsFromAuthorization(header: string | undefined, jwtSecret: string): UserTokenClaims | null {
  if (header === undefined || header === '') return null;
  const token = bearerTokenOf(header);
  if (token === undefined) throw unauthenticated('Authorization header must be "Bearer <token>"');
  try {
    return verifyUserToken(token, jwtSecret);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(`Invalid token: ${error.reason}`);
    throw error;
  }
}

export function callerFromAuthorization(header: string | undefined, jwtSecret: string): Caller | null {
  const claims = tokenClaimsFromAuthorization(header, jwtSecret);
  return claims === null ? null : { userId: claims.userId, accountKey: claims.accountKey, sessionId: claims.sessionId };
}

export function routerContextFrom(headers: IncomingHttpHeaders, jwtSecret: string, log: Logger, clientAddress: string): RouterContext {
  const requestId = requestIdFrom(headers[REQUEST_ID_HEADER]);
  const caller = callerFromAuthorization(headers.authorization, jwtSecret);
  const idempotencyKey = acceptableIdempotencyKey(headers[IDEMPOTENCY_KEY_HEADER]);
  return { caller, requestId, idempotencyKey, clientAddress, log: log.child({ requestId, userId: caller?.userId ?? null }) };
}

/**
 * The context once its caller's token is known to be live (tokenLiveness.ts), before anything of
 * the request is planned, cached or sent on: a revoked token is a 401, one the User service cannot
 * confirm a 503. An anonymous context passes as it is.
 */
export async function withLiveCaller(context: RouterContext, liveness: TokenLiveness): Promise<RouterContext> {
  if (context.caller === null) return context;
  try {
    await liveness.assertLive(context.caller);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw refusalAtTheEdge(error, error.code === 'UNAUTHENTICATED' ? 401 : 503);
  }
  return context;
}

function acceptableIdempotencyKey(header: string | string[] | undefined): string | null {
  try {
    return idempotencyKeyFrom(header);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw refusalAtTheEdge(error, 400);
  }
}

/** A rule the router applies itself, as the GraphQL error the client gets; `status` when it answers over HTTP. */
export function refusalAtTheEdge(error: DomainError, status?: number): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...error.details, ...(status === undefined ? {} : { http: { status } }) },
  });
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
