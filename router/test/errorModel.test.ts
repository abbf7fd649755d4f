import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  badFields,
  errorBodyOf,
  errorBodySchema,
  isDomainErrorCode,
  knownUser,
  MEANING_OF,
  REST_ERROR_CODES,
  RestError,
  statusOf,
  type RestErrorCode,
} from '../src/rest/errorModel.js';

const STATUS_OF_EACH_CODE: [RestErrorCode, number][] = [
  ['BAD_USER_INPUT', 400],
  ['MALFORMED_JSON', 400],
  ['BAD_REQUEST', 400],
  ['UNAUTHENTICATED', 401],
  ['INVALID_CREDENTIALS', 401],
  ['FORBIDDEN', 403],
  ['NOT_FOUND', 404],
  ['METHOD_NOT_ALLOWED', 405],
  ['EMAIL_TAKEN', 409],
  ['USERNAME_TAKEN', 409],
  ['GROUP_CLOSED', 409],
  ['EVENTS_EXPIRED', 410],
  ['PAYLOAD_TOO_LARGE', 413],
  ['UNSUPPORTED_MEDIA_TYPE', 415],
  ['INTERNAL_SERVER_ERROR', 500],
  ['SERVICE_UNAVAILABLE', 503],
  ['SUBGRAPH_UNAVAILABLE', 503],
  ['SUBGRAPH_TIMEOUT', 504],
  ['DEADLINE_EXCEEDED', 504],
  ['IDEMPOTENCY_KEY_REUSED', 422],
  ['TOO_MANY_REQUESTS', 429],
  ['SERVICE_BUSY', 503],
];

describe('statusOf', () => {
  it.each(STATUS_OF_EACH_CODE)('answers %s with %d', (code, status) => {
    expect(statusOf(code)).toBe(status);
    expect(new RestError(code, 'message').status).toBe(status);
  });

  it('knows every code a REST error can carry, and documents what each means', () => {
    expect([...REST_ERROR_CODES].sort()).toEqual(STATUS_OF_EACH_CODE.map(([code]) => code).sort());
    for (const code of REST_ERROR_CODES) expect(MEANING_OF[code].length).toBeGreaterThan(10);
  });
});

describe('isDomainErrorCode', () => {
  it.each(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'INVALID_CREDENTIALS', 'FORBIDDEN', 'NOT_FOUND', 'EMAIL_TAKEN', 'USERNAME_TAKEN'])(
    'passes the subgraphs’ code %s through to REST callers',
    (code) => {
      expect(isDomainErrorCode(code)).toBe(true);
    },
  );

  it.each(['INTERNAL_SERVER_ERROR', 'MALFORMED_JSON', 'GRAPHQL_VALIDATION_FAILED', 'toString', undefined, 403, ['FORBIDDEN']])(
    'does not pass %j through',
    (code) => {
      expect(isDomainErrorCode(code)).toBe(false);
    },
  );
});

describe('RestError', () => {
  it('answers a body with its code and message, and no details when it names no field', () => {
    const error = new RestError('FORBIDDEN', 'userId: you may only add records of your own');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RestError');
    expect(error.body).toEqual({ error: { code: 'FORBIDDEN', message: 'userId: you may only add records of your own' } });
    expect(new RestError('BAD_USER_INPUT', 'bad', []).body.error).not.toHaveProperty('details');
  });

  it('lists the refused fields under details', () => {
    const error = new RestError('EMAIL_TAKEN', 'email: is taken', [{ field: 'email', message: 'is taken' }]);
    expect(error.body).toEqual({
      error: { code: 'EMAIL_TAKEN', message: 'email: is taken', details: { fields: [{ field: 'email', message: 'is taken' }] } },
    });
  });
});

describe('badFields', () => {
  it('names every refused field in the message, in order, and in the details', () => {
    const fields = [
      { field: 'amount', message: 'must be greater than 0' },
      { field: 'date', message: 'is required' },
    ];
    const error = badFields(fields);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.status).toBe(400);
    expect(error.message).toBe('amount: must be greater than 0; date: is required');
    expect(error.fields).toEqual(fields);
  });
});

describe('knownUser', () => {
  it('answers the user GraphQL found', () => {
    const user = { id: '7' };
    expect(knownUser(user)).toBe(user);
  });

  it('turns GraphQL’s null into a 404', () => {
    const refuse = () => knownUser(null);
    expect(refuse).toThrow(RestError);
    expect(refuse).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: 'No user with this id', status: 404 }));
  });
});

describe('the documented error body', () => {
  it('matches every body a RestError answers', () => {
    expect(errorBodySchema.safeParse(badFields([{ field: 'amount', message: 'must be greater than 0' }]).body).success).toBe(true);
    expect(errorBodySchema.safeParse(new RestError('INTERNAL_SERVER_ERROR', 'Internal server error').body).success).toBe(true);
  });

  it('refuses an unknown code, an extra property and an empty list of fields', () => {
    expect(errorBodySchema.safeParse({ error: { code: 'TEAPOT', message: 'x' } }).success).toBe(false);
    expect(errorBodySchema.safeParse({ error: { code: 'FORBIDDEN', message: 'x', stack: 'at ...' } }).success).toBe(false);
    expect(errorBodySchema.safeParse({ error: { code: 'BAD_USER_INPUT', message: 'x', details: { fields: [] } } }).success).toBe(false);
  });

  it('as one response documents it, allows only that response’s codes', () => {
    const forbidden = errorBodyOf(['FORBIDDEN']);
    expect(forbidden.safeParse(new RestError('FORBIDDEN', 'no').body).success).toBe(true);
    expect(forbidden.safeParse(new RestError('NOT_FOUND', 'no').body).success).toBe(false);
  });

  it('is published as the Error and ErrorDetails schemas, each property described', () => {
    const document = z.toJSONSchema(errorBodySchema) as {
      $defs: Record<
        string,
        { description?: string; properties: Record<string, { description?: string; properties?: object; items?: object }> }
      >;
    };
    expect(Object.keys(document.$defs).sort()).toEqual(['Error', 'ErrorDetails']);
    const error = document.$defs['Error']!;
    const details = document.$defs['ErrorDetails']!;
    expect(error.description).toBeTruthy();
    expect(details.description).toBeTruthy();
    const inner = error.properties['error'] as { properties: Record<string, { description?: string }> };
    expect(inner.properties['code']?.description).toBeTruthy();
    expect(inner.properties['message']?.description).toBeTruthy();
    const problem = (details.properties['fields'] as { items: { properties: Record<string, { description?: string }> } }).items;
    expect(problem.properties['field']?.description).toBeTruthy();
    expect(problem.properties['message']?.description).toBeTruthy();
  });
});
