// A tiny GraphQL client for the Ledgerline router: one fetch per operation, the user's bearer
// token, and results typed from the operation document. No cache and no framework, on purpose:
// an SPA that wants those puts Apollo Client or urql on top of the same typed documents.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

export interface LedgerlineClientOptions {
  /** The router's GraphQL endpoint, e.g. "http://127.0.0.1:4000/graphql". */
  url: string;
  /** The token from `register` or `login`, or a function returning the current one (none: anonymous). */
  token?: string | (() => string | null | undefined) | undefined;
  /** Another fetch (tests, server-side rendering); the global one by default. */
  fetch?: typeof fetch | undefined;
}

/** One entry of `errors`: `extensions.code` is one of the README's error codes. */
export interface LedgerlineError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface LedgerlineResult<Data> {
  /** Null when the operation failed before anything was resolved. */
  data: Data | null;
  /** Absent when everything succeeded. */
  errors?: LedgerlineError[];
}

/** Operations whose variables are all optional may be called without them. */
type VariablesArgument<Variables> = Record<string, never> extends Variables ? [variables?: Variables] : [variables: Variables];

export interface MutationOptions {
  /**
   * Sent as the `Idempotency-Key` header: a mutation sent again with the same key and variables
   * (say, after a timeout or a lost connection) answers what the first answered and writes
   * nothing more. Make one per write, e.g. `crypto.randomUUID()`, and keep it for its retries.
   */
  idempotencyKey?: string;
}

type MutateArguments<Variables> =
  Record<string, never> extends Variables
    ? [variables?: Variables, options?: MutationOptions]
    : [variables: Variables, options?: MutationOptions];

export interface LedgerlineClient {
  query<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    ...variables: VariablesArgument<Variables>
  ): Promise<LedgerlineResult<Data>>;
  mutate<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    ...args: MutateArguments<Variables>
  ): Promise<LedgerlineResult<Data>>;
}

/** Thrown when the router's answer is not a GraphQL response at all (a proxy's error page, say). */
export class LedgerlineHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerlineHttpError';
  }
}

export function createLedgerlineClient(options: LedgerlineClientOptions): LedgerlineClient {
  return {
    query: (document, ...[variables]) => postOperation(options, document, variables, {}),
    mutate: (document, ...[variables, mutation]) =>
      postOperation(options, document, variables, mutation?.idempotencyKey ? { 'idempotency-key': mutation.idempotencyKey } : {}),
  };
}

async function postOperation<Data>(
  options: LedgerlineClientOptions,
  document: TypedDocumentNode<Data, unknown> | DocumentNode,
  variables: unknown,
  headers: Record<string, string>,
): Promise<LedgerlineResult<Data>> {
  const token = typeof options.token === 'function' ? options.token() : options.token;
  const response = await (options.fetch ?? fetch)(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query: operationText(document), variables: variables ?? {} }),
  });
  const body = await graphQLBody(response);
  return { data: (body.data ?? null) as Data | null, ...(body.errors ? { errors: body.errors } : {}) };
}

interface GraphQLBody {
  data?: unknown;
  errors?: LedgerlineError[];
}

// A GraphQL error answered with a 4xx (a bad token is a 401) still carries `errors` to return.
async function graphQLBody(response: Response): Promise<GraphQLBody> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new LedgerlineHttpError(response.status, `Expected a GraphQL response, got HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
  if (typeof body !== 'object' || body === null || !('data' in body || 'errors' in body)) {
    throw new LedgerlineHttpError(response.status, `Expected a GraphQL response, got HTTP ${response.status}`);
  }
  return body as GraphQLBody;
}

// Documents are constants, so each is printed once.
const printed = new WeakMap<DocumentNode, string>();

function operationText(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}
