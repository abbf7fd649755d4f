// GraphQL over HTTP to a router at an origin, as a client talks to it: the in-process router, a
// second router process, or the e2e stack's.
import { REGISTER, uniqueCredentials } from './router.js';
import type { Member } from './savingsGroupsThroughRouter.js';

export interface GraphQLAnswer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** A GraphQL request body as a client sends it: a query, or only a persisted query's hash in `extensions`. */
export interface GraphQLRequestBody {
  query?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

export interface RouterAt {
  origin: string;
  graphql(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLAnswer>;
  /** The whole HTTP answer to a POST of `body` to /graphql; `signal` gives up waiting for it. */
  post(
    body: GraphQLRequestBody,
    token?: string,
    signal?: AbortSignal,
  ): Promise<{ status: number; headers: Headers; answer: GraphQLAnswer }>;
  /** A new account, registered and signed in through this router. */
  register(): Promise<Member>;
}

export function routerAt(origin: string): RouterAt {
  async function post(body: GraphQLRequestBody, token?: string, signal?: AbortSignal) {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      signal: signal ?? null,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, answer: (await response.json()) as GraphQLAnswer };
  }
  async function graphql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLAnswer> {
    return (await post({ query, variables }, token)).answer;
  }
  return {
    origin,
    graphql,
    post,
    async register() {
      const credentials = uniqueCredentials();
      const answer = await graphql(REGISTER, credentials);
      const registered = answer.data?.['register'] as { token: string; userId: string } | undefined;
      if (!registered) throw new Error(`register failed: ${JSON.stringify(answer.errors)}`);
      return { ...credentials, ...registered };
    },
  };
}
