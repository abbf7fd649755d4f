// The cost limit with each request's variables, over Apollo Server (/graphql over HTTP, and the
// operations the REST routes, graphql-ws queries and subscription reads run through it): validation
// costed the document at its cheapest, so a variable sizing a list by 500 is refused here, before
// the gateway plans anything, with the answer validation would give: OPERATION_LIMIT_EXCEEDED, 400.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { OPERATION_LIMIT_EXCEEDED } from './operationLimitError.js';
import type { OperationLimits } from './operationLimits.js';

export function refuseCostlyRequests(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation === undefined) return;
          const refusal = limits.refusalWithVariables({ schema, document, operation, variables: request.variables ?? {} });
          if (refusal === null) return;
          // Wrapped as Apollo Server wraps a validation error, which routerErrorFormat.ts unwraps to
          // the limit's own answer; only the status is ours to set here (without it, a plugin's error is a 500).
          throw new GraphQLError(refusal.message, {
            nodes: refusal.nodes ?? null,
            originalError: refusal,
            extensions: { code: OPERATION_LIMIT_EXCEEDED, http: { status: 400 } },
          });
        },
      };
    },
  };
}
