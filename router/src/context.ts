import type { IncomingHttpHeaders } from 'node:http';
import { InvalidTokenError, verifyUserToken } from '@ledgerline/identity';
import { REQUEST_ID_HEADER, requestIdFrom, type Logger } from '@ledgerline/service-runtime';
import { GraphQLError } from 'graphql';

/** What the router knows about a request once it has checked the caller's token. */
export interface RouterContext {
  userId: number | null;
  requestId: string;
  log: Logger;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * No Authorization header means an anonymous caller (register and login need nothing more);
 * a header that does not hold a valid, unexpired token is refused outright with a 401.
 */
export function userIdFromAuthorization(header: string | undefined, jwtSecret: string): number | null {
  if (header === undefined || header === '') return null;
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) throw unauthenticated('Authorization header must be "Bearer <token>"');
  try {
    return verifyUserToken(token, jwtSecret).userId;
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(`Invalid token: ${error.reason}`);
    throw error;
  }
}

export function routerContextFrom(headers: IncomingHttpHeaders, jwtSecret: string, log: Logger): RouterContext {
  const requestId = requestIdFrom(headers[REQUEST_ID_HEADER]);
  const userId = userIdFromAuthorization(headers.authorization, jwtSecret);
  return { userId, requestId, log: log.child({ requestId, userId }) };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
