// Who is on a WebSocket: the user token in graphql-ws's connectionParams, checked exactly as the
// HTTP Authorization header is (context.ts), so identity is one model on both.
import type { UserTokenClaims } from '@ledgerline/identity';
import { GraphQLError } from 'graphql';
import { tokenClaimsFromAuthorization } from '../context.js';

/** `{ authorization: "Bearer <token>" }` (the key in any case); a GraphQLError saying what is wrong otherwise. */
export function socketCallerFrom(connectionParams: Readonly<Record<string, unknown>> | undefined, jwtSecret: string): UserTokenClaims {
  const key = Object.keys(connectionParams ?? {}).find((name) => name.toLowerCase() === 'authorization');
  const header = key === undefined ? undefined : connectionParams?.[key];
  const claims = typeof header === 'string' ? tokenClaimsFromAuthorization(header, jwtSecret) : null;
  if (claims === null) {
    throw new GraphQLError('Sign in first: send connectionParams { authorization: "Bearer <token>" }', {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  return claims;
}
