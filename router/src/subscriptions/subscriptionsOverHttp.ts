// @apollo/gateway cannot run a subscription and would answer one sent over HTTP with a 500. This
// plugin answers it first, with a 400 that says where subscriptions are served.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';

export const refuseSubscriptionsOverHttp: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return;
        throw new GraphQLError(
          'Subscriptions are served over WebSocket: connect to /graphql with a graphql-ws client (protocol graphql-transport-ws)',
          { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
        );
      },
    };
  },
};
