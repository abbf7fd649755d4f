// Counts automatic persisted queries as Apollo Server resolves them (the hashes themselves live in
// the router's cache store, shared by every replica when that is Redis).
import type { ApolloServerPlugin } from '@apollo/server';
import type { RouterContext } from '../context.js';
import type { RouterMetrics } from '../metrics.js';

export function persistedQueryCounting(metrics: Pick<RouterMetrics, 'persistedQueries'>): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ metrics: request }) {
          if (request.persistedQueryHit === true) metrics.persistedQueries.inc({ result: 'hit' });
          if (request.persistedQueryRegister === true) metrics.persistedQueries.inc({ result: 'registered' });
        },
      };
    },
  };
}
