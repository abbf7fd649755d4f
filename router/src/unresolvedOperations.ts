// A document with no operation of the requested operationName (or several and no operationName):
// Apollo Server leaves it to the executor, and @apollo/gateway's answers a 500. This plugin answers
// first, with a 400 naming operationName, as Apollo Server does without a gateway.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const refuseUnresolvedOperations: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (operation !== undefined) return;
        const message =
          request.operationName === undefined || request.operationName === null
            ? 'The document holds several operations: name the one to run in operationName'
            : `operationName: the document holds no operation named "${request.operationName}"`;
        throw new GraphQLError(message, {
          extensions: { code: 'OPERATION_RESOLUTION_FAILURE', field: 'operationName', http: { status: 400 } },
        });
      },
    };
  },
};
