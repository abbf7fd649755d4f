// How tests talk to the running router: plain HTTP POSTs of GraphQL, as any client would.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export async function postGraphQL<Data = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<Data>, 'status'>;
  return { status: response.status, ...body };
}

/** A query through the router, as the holder of `token` (or anonymously). */
export function routerQuery<Data = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<Data>> {
  return postGraphQL<Data>(inject('routerUrl'), query, variables, token ? { authorization: `Bearer ${token}` } : {});
}

export const errorCodes = (response: GraphQLResponse): (string | undefined)[] =>
  (response.errors ?? []).map((error) => error.extensions?.code);

export interface TestUser {
  id: string;
  username: string;
  email: string;
  password: string;
  token: string;
}

export function uniqueCredentials() {
  const suffix = randomBytes(5).toString('hex');
  return { username: `user_${suffix}`, email: `user_${suffix}@example.test`, password: `pw-${suffix}-long-enough` };
}

const REGISTER = `mutation Register($username: String!, $email: String!, $password: String!) {
  register(username: $username, email: $email, password: $password) { token userId }
}`;

/** A new account, signed in, for a test that needs a user of its own. */
export async function registerUser(): Promise<TestUser> {
  const credentials = uniqueCredentials();
  const response = await routerQuery<{ register: { token: string; userId: string } }>(REGISTER, credentials);
  if (!response.data?.register) throw new Error(`register failed: ${JSON.stringify(response.errors)}`);
  return { ...credentials, id: response.data.register.userId, token: response.data.register.token };
}

export { REGISTER };
