// An answer whose error says when to come back (`extensions.retryAfterSeconds`: the login throttle,
// a User service too busy to hash a password) also says it as HTTP does, in Retry-After, for
// GraphQL clients and for the REST routes, which pass the header on.
import type { ApolloServerPlugin } from '@apollo/server';
import type { RouterContext } from '../context.js';

export const retryAfterHeader: ApolloServerPlugin<RouterContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single' || response.http.headers.has('retry-after')) return;
        const waits = (response.body.singleResult.errors ?? []).map((error) => error.extensions?.['retryAfterSeconds']);
        const seconds = waits.filter((wait): wait is number => typeof wait === 'number' && Number.isFinite(wait) && wait > 0);
        if (seconds.length > 0) response.http.headers.set('retry-after', String(Math.ceil(Math.max(...seconds))));
      },
    };
  },
};
