// A JSON number past a double's range (1e400) parses as Infinity. graphql-js lets it through to a
// custom scalar such as Money, whose coercion is the subgraph's, and JSON.stringify then sends it
// on as null: the subgraph refused the whole request and the caller heard SUBGRAPH_UNAVAILABLE
// (an INTERNAL_SERVER_ERROR before that). This plugin refuses such a variable before planning, as
// the coercion failure it is: BAD_USER_INPUT, HTTP 400, naming the variable. Over HTTP and over
// WebSocket alike, since both run operations through Apollo Server.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** Where in `value` a number that is not finite sits, as "$name.field[0]", or null. */
function unreadableNumberIn(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unreadableNumberIn(item, `${path}[${index}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = unreadableNumberIn(item, `${path}.${key}`);
    if (found !== null) return found;
  }
  return null;
}

export const refuseUnreadableNumbers: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request }) {
        for (const [name, value] of Object.entries(request.variables ?? {})) {
          const path = unreadableNumberIn(value, `$${name}`);
          if (path === null) continue;
          throw new GraphQLError(
            `Variable "${path}" got a number too large to read (a JSON number beyond ±1.8e308); an amount is at most 999999999999.99`,
            { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
          );
        }
      },
    };
  },
};
