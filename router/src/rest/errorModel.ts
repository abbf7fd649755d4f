// The one error shape every REST route answers with, and the one table from error code to HTTP
// status. GraphQL's codes keep their names here, so a client sees the same code either way.
import type { DomainErrorCode } from '@ledgerline/service-runtime';
import { z } from 'zod';

/** What can go wrong at the HTTP edge only, before or around the GraphQL operation. */
type EdgeErrorCode =
  'MALFORMED_JSON' | 'BAD_REQUEST' | 'METHOD_NOT_ALLOWED' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'INTERNAL_SERVER_ERROR';

export type RestErrorCode = DomainErrorCode | EdgeErrorCode;

// Records over every code: a new DomainErrorCode does not compile until it has a status here.
const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  USERNAME_TAKEN: 409,
  GROUP_CLOSED: 409,
  EVENTS_EXPIRED: 410,
  SERVICE_UNAVAILABLE: 503,
  SUBGRAPH_UNAVAILABLE: 503,
  SUBGRAPH_TIMEOUT: 504,
  DEADLINE_EXCEEDED: 504,
  IDEMPOTENCY_KEY_REUSED: 422,
  TOO_MANY_REQUESTS: 429,
  SERVICE_BUSY: 503,
};
const EDGE_STATUS: Record<EdgeErrorCode, number> = {
  MALFORMED_JSON: 400,
  BAD_REQUEST: 400,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL_SERVER_ERROR: 500,
};
const STATUS_OF: Record<RestErrorCode, number> = { ...DOMAIN_STATUS, ...EDGE_STATUS };

/** What each code means to a caller, for the OpenAPI document. */
export const MEANING_OF: Record<RestErrorCode, string> = {
  BAD_USER_INPUT: 'a field is missing, of the wrong type or not acceptable; `details.fields` names each',
  MALFORMED_JSON: 'the body is not valid JSON',
  BAD_REQUEST: 'the request could not be read',
  UNAUTHENTICATED: 'no token, or one that is invalid or expired',
  INVALID_CREDENTIALS: 'the email or the password is wrong',
  FORBIDDEN: "the records are another user's",
  NOT_FOUND: 'no user with this id, or no such route',
  METHOD_NOT_ALLOWED: 'the route exists, with other methods (see the Allow header)',
  EMAIL_TAKEN: 'an account with this email already exists',
  USERNAME_TAKEN: 'the username is taken',
  GROUP_CLOSED: 'the savings group reached its target or passed its deadline and takes no more contributions',
  EVENTS_EXPIRED: 'the events asked for are older than the event log keeps; read the group afresh',
  SERVICE_UNAVAILABLE: 'a service behind the router is down or too slow; nothing was changed, try again shortly',
  SUBGRAPH_UNAVAILABLE: 'a service behind the router could not be reached; nothing was changed, try again shortly',
  SUBGRAPH_TIMEOUT:
    'a service behind the router did not answer in time; a write may or may not have been applied: retry it with the same Idempotency-Key',
  DEADLINE_EXCEEDED: 'the request ran out of time before the work began or could commit; nothing was changed, try again',
  IDEMPOTENCY_KEY_REUSED: 'the Idempotency-Key was already used for a different request; use a new key for a new request',
  TOO_MANY_REQUESTS:
    'too many attempts from this address, or wrong passwords for this account; wait the seconds the Retry-After header says',
  SERVICE_BUSY: 'the service is at capacity and did nothing; wait the seconds the Retry-After header says and try again',
  PAYLOAD_TOO_LARGE: 'the body is larger than the router accepts',
  UNSUPPORTED_MEDIA_TYPE: 'the body is not sent as application/json',
  INTERNAL_SERVER_ERROR: 'the server failed; the request id in x-request-id finds it in the logs',
};

export const REST_ERROR_CODES = Object.keys(STATUS_OF) as [RestErrorCode, ...RestErrorCode[]];

export const statusOf = (code: RestErrorCode): number => STATUS_OF[code];

/** The codes a GraphQL answer may carry through to a REST caller; anything else is our failure. */
export const isDomainErrorCode = (code: unknown): code is DomainErrorCode => typeof code === 'string' && Object.hasOwn(DOMAIN_STATUS, code);

const fieldProblemSchema = z.strictObject({
  field: z.string().meta({ description: 'The request field at fault, e.g. "amount" or "userId".' }),
  message: z.string().meta({ description: 'What is wrong with it.' }),
});

export type FieldProblem = z.infer<typeof fieldProblemSchema>;

const errorDetailsSchema = z.strictObject({ fields: z.array(fieldProblemSchema).min(1) }).meta({
  id: 'ErrorDetails',
  description: 'Which request fields were refused, for BAD_USER_INPUT, EMAIL_TAKEN and USERNAME_TAKEN.',
});

const errorBodyWith = (codes: [RestErrorCode, ...RestErrorCode[]]) =>
  z.strictObject({
    error: z.strictObject({
      code: z.enum(codes).meta({ description: 'Stable, machine-readable; the same code GraphQL answers with.' }),
      message: z.string().meta({ description: 'Written for the caller; never a stack trace.' }),
      details: errorDetailsSchema.optional(),
    }),
  });

export const errorBodySchema = errorBodyWith(REST_ERROR_CODES).meta({ id: 'Error', description: 'Every REST error, whatever its status.' });

/** The error body as one response documents it: only the codes that share its status. */
export const errorBodyOf = (codes: [RestErrorCode, ...RestErrorCode[]]) => errorBodyWith(codes);

export type ErrorBody = z.infer<typeof errorBodySchema>;

/** A refusal meant for the caller: its code decides the status, its message is safe to show. */
export class RestError extends Error {
  constructor(
    readonly code: RestErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'RestError';
  }

  get status(): number {
    return statusOf(this.code);
  }

  get body(): ErrorBody {
    const details = this.fields === undefined || this.fields.length === 0 ? {} : { details: { fields: this.fields } };
    return { error: { code: this.code, message: this.message, ...details } };
  }
}

/** BAD_USER_INPUT naming each refused field, in the message as well as in `details`. */
export function badFields(fields: FieldProblem[]): RestError {
  const message = fields.map(({ field, message }) => `${field}: ${message}`).join('; ');
  return new RestError('BAD_USER_INPUT', message, fields);
}

/** GraphQL answers an unknown user id with null; REST with 404. */
export function knownUser<User>(user: User | null): User {
  if (user === null) throw new RestError('NOT_FOUND', 'No user with this id');
  return user;
}
