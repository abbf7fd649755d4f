// Names the GraphQL operation on the request's span, so a subgraph's spans can be found by the
// operation that made them (`graphql.operation.name`, as OpenTelemetry's GraphQL conventions say).
import type { ApolloServerPlugin } from '@apollo/server';
import { context, trace } from '@opentelemetry/api';

export function operationSpanAttributes<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation({ operationName, operation }) {
          trace.getSpan(context.active())?.setAttributes({
            ...(operation === undefined ? {} : { 'graphql.operation.type': operation.operation }),
            ...(operationName === null ? {} : { 'graphql.operation.name': operationName }),
          });
          return Promise.resolve();
        },
      }),
  };
}
