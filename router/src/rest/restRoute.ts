// A REST route as data: path, schemas, the errors it can answer and how its GraphQL operation's
// result becomes the contract's JSON. Express handlers and the OpenAPI document are both made
// from these, so what is served and what is documented are one thing.
import { z } from 'zod';
import { badFields, RestError, type RestErrorCode } from './errorModel.js';
import type { RunOperation } from './gatewayOperation.js';

export type RouteMethod = 'get' | 'post' | 'put' | 'delete';

interface RouteSpec<Params extends z.ZodObject, Body extends z.ZodObject, Result extends z.ZodType> {
  method: RouteMethod;
  /** OpenAPI style, e.g. "/income/{userId}". */
  path: string;
  operationId: string;
  tag: 'User' | 'Finance';
  summary: string;
  description?: string;
  /** "bearer": 401 without a valid `Authorization: Bearer <token>`. */
  auth: 'open' | 'bearer';
  /** Takes an `Idempotency-Key` header: a retry with the same key and body answers as the first did, without writing again. */
  idempotent?: boolean;
  params?: Params;
  body?: Body;
  success: { status: 200 | 201; description: string; schema: Result };
  /** Errors of this route's own operation; those of authentication and bodies are added for every route. */
  errors: RestErrorCode[];
  /** The user the request acts on (a body's `userId`, a path's id); anyone else gets 403 before GraphQL runs. */
  owner?: { of: (input: { params: z.output<Params>; body: z.output<Body> }) => number; refusal: string };
  respond: (input: { params: z.output<Params>; body: z.output<Body> }, run: RunOperation) => Promise<z.output<Result>>;
}

/** What a request brings to a route once it is authenticated and its body parsed. */
export interface RouteRequest {
  params: unknown;
  body: unknown;
  callerId: number | null;
}

export interface RestRoute {
  method: RouteMethod;
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  auth: 'open' | 'bearer';
  idempotent?: boolean;
  params?: z.ZodObject;
  body?: z.ZodObject;
  success: { status: 200 | 201; description: string; schema: z.ZodType };
  errors: RestErrorCode[];
  handle: (request: RouteRequest, run: RunOperation) => Promise<unknown>;
}

export function defineRoute<
  Params extends z.ZodObject = z.ZodObject,
  Body extends z.ZodObject = z.ZodObject,
  Result extends z.ZodType = z.ZodType,
>(spec: RouteSpec<Params, Body, Result>): RestRoute {
  const { owner, respond, ...route } = spec;
  return {
    ...route,
    async handle({ params, body, callerId }, run) {
      // A route without params or body never reads them, so undefined stands in for their types.
      const input = {
        params: (spec.params ? parsed(spec.params, params) : undefined) as z.output<Params>,
        // Only an absent body reads as {}: a JSON null is refused as not an object.
        body: (spec.body ? parsed(spec.body, body === undefined ? {} : body) : undefined) as z.output<Body>,
      };
      if (owner !== undefined && owner.of(input) !== callerId) throw new RestError('FORBIDDEN', owner.refusal);
      return respond(input, run);
    },
  };
}

function parsed<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badFields(
    result.error.issues.map((issue) => ({
      field: issue.path.length === 0 ? 'body' : issue.path.join('.'),
      message: issue.path.length === 0 && issue.code === 'invalid_type' ? 'must be a JSON object' : issue.message,
    })),
  );
}

/** Every error a route can answer: its own, plus those the way it is mounted adds. */
export function possibleErrors(route: RestRoute): RestErrorCode[] {
  const codes = new Set<RestErrorCode>(route.errors);
  // An Authorization header that is present but invalid is refused on every route, as on /graphql.
  codes.add('UNAUTHENTICATED');
  // A signed-in caller's token is checked with the User service, which may be unreachable.
  if (route.auth === 'bearer') codes.add('SERVICE_UNAVAILABLE');
  // Every route's operation runs on subgraphs, which may be down or too slow.
  codes.add('SUBGRAPH_UNAVAILABLE');
  codes.add('SUBGRAPH_TIMEOUT');
  if (route.idempotent === true) {
    codes.add('BAD_USER_INPUT');
    codes.add('IDEMPOTENCY_KEY_REUSED');
  }
  if (route.params !== undefined) codes.add('BAD_USER_INPUT');
  if (route.body !== undefined) {
    for (const code of ['BAD_USER_INPUT', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const) codes.add(code);
  }
  codes.add('INTERNAL_SERVER_ERROR');
  return [...codes];
}
