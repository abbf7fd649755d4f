// A valid router assertion proves the router checked the token's signature and expiry; whether
// the account still accepts the token (not deleted, key not rotated) only the User service knows.
// Each subgraph asks before any resolver runs, so no query or mutation acts on a dead session.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller } from '@ledgerline/identity';
import { GraphQLError } from 'graphql';
import { DomainError } from './DomainError.js';
import type { SubgraphContext } from './subgraphContext.js';

/** Resolves when the caller's session is live; throws a DomainError (UNAUTHENTICATED, SERVICE_UNAVAILABLE) otherwise. */
export type AdmitCaller = (caller: Caller, context: SubgraphContext) => Promise<void>;

export function callerAdmissionPlugin(admit: AdmitCaller): ApolloServerPlugin<SubgraphContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        async didResolveOperation({ contextValue }) {
          if (contextValue.caller === null) return;
          try {
            await admit(contextValue.caller, contextValue);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            // Status 200: the gateway passes a GraphQL error on with its code and message, while
            // it would replace them with "401: Unauthorized" for an HTTP error status.
            throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 200 } } });
          }
        },
      }),
  };
}
