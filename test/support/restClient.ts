// How tests talk to the REST routes: plain HTTP, as any client would. Every response is checked
// against the router's own /openapi.json before a test sees it, so a test fails on any response
// the document does not describe, whatever the test itself asserts.
import { inject } from 'vitest';
import { contractFrom, type Contract, type OpenApiDocument } from './openapiContract.js';
import { uniqueCredentials } from './router.js';

export interface RestResponse<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
}

export interface RestRequest {
  token?: string | undefined;
  /** Sent as JSON with `content-type: application/json`. */
  body?: unknown;
  /** Sent as is, e.g. malformed JSON; set the content type in `headers`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export const routerOrigin = (): string => new URL(inject('routerUrl')).origin;

const contracts = new Map<string, Promise<Contract>>();

/** The OpenAPI document of the router at `origin` (the e2e stack's by default), fetched once per test file. */
export function restContract(origin = routerOrigin()): Promise<Contract> {
  let contract = contracts.get(origin);
  if (contract === undefined) {
    contract = fetch(`${origin}/openapi.json`)
      .then((response) => response.json() as Promise<OpenApiDocument>)
      .then(contractFrom);
    contracts.set(origin, contract);
  }
  return contract;
}

/** A REST request to the e2e stack's router. */
export function rest<Body = any>(method: string, path: string, request: RestRequest = {}): Promise<RestResponse<Body>> {
  return restAt(routerOrigin(), method, path, request);
}

/** A REST request to the router at `origin` (an in-process one, say), checked against that router's document. */
export async function restAt<Body = any>(
  origin: string,
  method: string,
  path: string,
  request: RestRequest = {},
): Promise<RestResponse<Body>> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token !== undefined) headers['authorization'] = `Bearer ${request.token}`;
  let body = request.rawBody;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${origin}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  const parsed: unknown = contentType?.startsWith('application/json') ? JSON.parse(text) : text;
  const problems = (await restContract(origin)).problemsWith({ method, path, status: response.status, contentType, body: parsed });
  if (problems.length > 0) throw new Error(`response does not match /openapi.json:\n${problems.join('\n')}\n${text.slice(0, 500)}`);
  return { status: response.status, headers: response.headers, body: parsed as Body };
}

export interface RestUser {
  userId: number;
  username: string;
  email: string;
  password: string;
  token: string;
}

/** A new account, registered and logged in through the REST routes. */
export async function registerRestUser(): Promise<RestUser> {
  const credentials = uniqueCredentials();
  const registered = await rest('POST', '/user/register', { body: credentials });
  if (registered.status !== 201) throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
  const login = await rest('POST', '/user/login', { body: { email: credentials.email, password: credentials.password } });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  return { ...credentials, userId: login.body.userId, token: login.body.token };
}
