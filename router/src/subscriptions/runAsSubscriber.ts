// Runs an operation through the gateway as a WebSocket's user: the same Apollo Server, plugins,
// logging and error masking as a request to /graphql.
import type { ApolloServer } from '@apollo/server';
import type { RouterContext } from '../context.js';
import type { RunAsSubscriber } from './groupEventReads.js';

export function runAs(apollo: ApolloServer<RouterContext>, context: RouterContext): RunAsSubscriber {
  return async (document, operationName, variables) => {
    const request = { query: document, variables, ...(operationName === undefined ? {} : { operationName }) };
    const response = await apollo.executeOperation(request, { contextValue: context });
    if (response.body.kind !== 'single') throw new Error('Subscriptions do not use @defer or @stream');
    return response.body.singleResult;
  };
}
