// A JSON number past a double's range (1e400) parses as Infinity. graphql-js lets it through to a
// custom scalar such as Money, whose coercion is the subgraph's, and JSON.stringify then sends it
// on as null: the subgraph refused the whole request and the caller heard SUBGRAPH_UNAVAILABLE
// (an INTERNAL_SERVER_ERROR before that). This plugin refuses such a variable before planning, as
// the coercion failure it is: BAD_USER_INPUT, HTTP 400, naming the variable. Over HTTP and over
// WebSocket alike, since both run operations through Apollo Server. Variables nested deeper than
// any input type are refused the same way, before anything walks them recursively.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * No input type of the schema nests this deep; deeper variables are refused before anything walks
 * them recursively (graphql's coercion, JSON.stringify on the way to a subgraph).
 */
const MAX_VARIABLE_DEPTH = 32;

type Finding = { path: string; problem: 'unreadable number' | 'too deep' };

/** The first number in `value` that is not finite, or the first place nested past the limit; null when neither. */
function unreadablePartOf(value: unknown, path: string): Finding | null {
  // Walked with a stack of its own: a request may nest thousands deep, past the call stack's depth.
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value === 'number' && !Number.isFinite(next.value)) return { path: next.path, problem: 'unreadable number' };
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= MAX_VARIABLE_DEPTH) return { path: next.path, problem: 'too deep' };
    const entries = Array.isArray(next.value)
      ? next.value.map((item, index) => [`[${index}]`, item] as const)
      : Object.entries(next.value).map(([key, item]) => [`.${key}`, item] as const);
    for (const [step, item] of entries.reverse()) pending.push({ value: item, path: `${next.path}${step}`, depth: next.depth + 1 });
  }
  return null;
}

const messages: Record<Finding['problem'], (path: string) => string> = {
  'unreadable number': (path) =>
    `Variable "${path}" got a number too large to read (a JSON number beyond ±1.8e308); an amount is at most 999999999999.99`,
  'too deep': (path) => `Variable "${path}" is nested deeper than any input of the schema (${MAX_VARIABLE_DEPTH} levels)`,
};

export const refuseUnreadableNumbers: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request }) {
        for (const [name, value] of Object.entries(request.variables ?? {})) {
          const finding = unreadablePartOf(value, `$${name}`);
          if (finding === null) continue;
          throw new GraphQLError(messages[finding.problem](finding.path), {
            extensions: { code: 'BAD_USER_INPUT', field: name, http: { status: 400 } },
          });
        }
      },
    };
  },
};
