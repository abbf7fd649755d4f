// An Idempotency-Key names one write. A mutation operation with several fields would have them
// share it, and the second would be refused as a different request under the same key, after the
// first had been applied: such an operation is refused whole, before anything runs.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, OperationTypeNode } from 'graphql';
import type { RouterContext } from './context.js';

export const oneMutationPerIdempotencyKey: ApolloServerPlugin<RouterContext> = {
  async requestDidStart({ contextValue }) {
    if (contextValue.idempotencyKey === null) return;
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== OperationTypeNode.MUTATION) return;
        const [only, ...more] = operation.selectionSet.selections;
        if (more.length === 0 && only?.kind === Kind.FIELD && only.name.value !== '__typename') return;
        throw new GraphQLError('An Idempotency-Key applies to one mutation field: send each mutation in a request of its own', {
          extensions: { code: 'BAD_USER_INPUT', field: 'Idempotency-Key', http: { status: 400 } },
        });
      },
    };
  },
};
