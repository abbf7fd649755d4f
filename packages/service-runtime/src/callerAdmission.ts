// A valid router assertion proves the router checked the token's signature and expiry; whether
// the account still accepts the token (not deleted, key not rotated) only the User service knows.
// Each subgraph asks before any resolver runs, so no query or mutation acts on a dead session.
// A request whose deadline has passed is refused here too: nobody waits for its answer any more.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller } from '@ledgerline/identity';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { assertTimeLeft, type Deadline } from './deadlines.js';
import { DomainError } from './DomainError.js';
import type { SubgraphContext } from './subgraphContext.js';

/**
 * Resolves when the caller's session is live; throws a DomainError (UNAUTHENTICATED,
 * SERVICE_UNAVAILABLE) otherwise. The operation's kind lets a subgraph ask afresh before a
 * mutation and rely on a recent answer for a query; the asking must end by the request's deadline.
 * The request's context lets a subgraph keep what it read to answer (the User service, the account).
 */
export type AdmitCaller = (caller: Caller, operation: OperationTypeNode, deadline: Deadline, context: SubgraphContext) => Promise<void>;

export function callerAdmissionPlugin(admit: AdmitCaller): ApolloServerPlugin<SubgraphContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        async didResolveOperation({ contextValue, operation }) {
          try {
            assertTimeLeft(contextValue.deadline, 'it started');
            if (contextValue.caller === null) return;
            // An operation Apollo could not name is held to the strictest rule, a mutation's.
            await admit(contextValue.caller, operation?.operation ?? OperationTypeNode.MUTATION, contextValue.deadline, contextValue);
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
