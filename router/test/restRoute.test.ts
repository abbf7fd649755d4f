import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { RestError } from '../src/rest/errorModel.js';
import { amountField, dateField, idField, idInPath } from '../src/rest/fields.js';
import type { RunOperation } from '../src/rest/gatewayOperation.js';
import { defineRoute, possibleErrors } from '../src/rest/restRoute.js';
import { rejectionOf } from '../../test/support/thrown.js';

const success = { status: 201 as const, description: 'Added.', schema: z.object({ added: z.boolean() }) };

/** A POST route of the usual shape: a body with the caller's userId, answered by `respond`. */
function postRoute(respond = vi.fn(async () => ({ added: true }))) {
  const route = defineRoute({
    method: 'post',
    path: '/income',
    operationId: 'addIncome',
    tag: 'Finance',
    summary: 'Add an income',
    auth: 'bearer',
    body: z.object({ userId: idField('Your id.'), amount: amountField('How much.'), date: dateField('When.') }),
    owner: { of: ({ body }) => body.userId, refusal: 'userId: you may only add records of your own' },
    success,
    errors: ['FORBIDDEN'],
    respond,
  });
  return { route, respond };
}

const neverRun = vi.fn() as unknown as RunOperation;

describe('defineRoute', () => {
  it('hands the parsed body and the gateway to respond, and answers what it answers', async () => {
    const { route, respond } = postRoute();
    const body = { userId: 7, amount: 12.5, date: '2026-11-25', ignored: 'dropped' };
    await expect(route.handle({ params: {}, body, callerId: 7 }, neverRun)).resolves.toEqual({ added: true });
    expect(respond).toHaveBeenCalledWith({ params: undefined, body: { userId: 7, amount: 12.5, date: '2026-11-25' } }, neverRun);
  });

  it('refuses a body with BAD_USER_INPUT naming every refused field', async () => {
    const { route, respond } = postRoute();
    const error = await rejectionOf(route.handle({ params: {}, body: { userId: '7', amount: 0 }, callerId: 7 }, neverRun));
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'userId: must be an integer; amount: must be greater than 0; date: is required',
      fields: [
        { field: 'userId', message: 'must be an integer' },
        { field: 'amount', message: 'must be greater than 0' },
        { field: 'date', message: 'is required' },
      ],
    });
    expect(respond).not.toHaveBeenCalled();
  });

  it.each([
    ['a string', 'income'],
    ['a number', 7],
    ['an array', [7]],
  ])('refuses %s as a body: "body: must be a JSON object"', async (_case, body) => {
    const { route } = postRoute();
    const error = await rejectionOf(route.handle({ params: {}, body, callerId: 7 }, neverRun));
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'body: must be a JSON object',
      fields: [{ field: 'body', message: 'must be a JSON object' }],
    });
  });

  it('reads a missing body as an empty object, so each required field is named', async () => {
    const { route } = postRoute();
    const error = await rejectionOf(route.handle({ params: {}, body: undefined, callerId: 7 }, neverRun));
    expect(error).toMatchObject({ message: 'userId: is required; amount: is required; date: is required' });
  });

  it('names a nested field by its path, and a rule over the whole body as "body"', async () => {
    const route = defineRoute({
      method: 'post',
      path: '/period',
      operationId: 'period',
      tag: 'Finance',
      summary: 'A period',
      auth: 'bearer',
      body: z
        .object({ period: z.object({ from: dateField('From.'), to: dateField('To.') }) })
        .refine((body) => body.period.from <= body.period.to, { error: 'from must not be after to' }),
      success,
      errors: [],
      respond: async () => ({ added: true }),
    });
    const nested = await rejectionOf(route.handle({ params: {}, body: { period: { from: '2026-01-01' } }, callerId: 7 }, neverRun));
    expect(nested).toMatchObject({ fields: [{ field: 'period.to', message: 'is required' }] });
    const whole = await rejectionOf(
      route.handle({ params: {}, body: { period: { from: '2026-02-01', to: '2026-01-01' } }, callerId: 7 }, neverRun),
    );
    expect(whole).toMatchObject({ message: 'body: from must not be after to' });
  });

  it('refuses a body for another user with FORBIDDEN before anything runs', async () => {
    const { route, respond } = postRoute();
    const body = { userId: 8, amount: 12.5, date: '2026-11-25' };
    for (const callerId of [7, null]) {
      const error = await rejectionOf(route.handle({ params: {}, body, callerId }, neverRun));
      expect(error).toBeInstanceOf(RestError);
      expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'userId: you may only add records of your own' });
    }
    expect(respond).not.toHaveBeenCalled();
    expect(neverRun).not.toHaveBeenCalled();
  });

  it('reads path parameters, refusing a bad one by name', async () => {
    const respond = vi.fn(async () => ({ added: true }));
    const route = defineRoute({
      method: 'get',
      path: '/income/{userId}',
      operationId: 'listIncomes',
      tag: 'Finance',
      summary: 'Incomes',
      auth: 'bearer',
      params: z.object({ userId: idInPath('Your id.') }),
      success,
      errors: [],
      respond,
    });
    await route.handle({ params: { userId: '12' }, body: { ignored: true }, callerId: 12 }, neverRun);
    expect(respond).toHaveBeenCalledWith({ params: { userId: 12 }, body: undefined }, neverRun);
    const error = await rejectionOf(route.handle({ params: { userId: 'me' }, body: undefined, callerId: 12 }, neverRun));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: 'userId: must be a positive integer id' });
  });

  it('keeps what describes the route, for the OpenAPI document', () => {
    const { route } = postRoute();
    expect(route).toMatchObject({
      method: 'post',
      path: '/income',
      operationId: 'addIncome',
      tag: 'Finance',
      auth: 'bearer',
      errors: ['FORBIDDEN'],
    });
    expect(route).not.toHaveProperty('respond');
    expect(route).not.toHaveProperty('ownerOf');
  });
});

describe('possibleErrors', () => {
  const bare = {
    method: 'get',
    path: '/x',
    operationId: 'x',
    tag: 'User',
    summary: 'x',
    auth: 'open',
    success,
    respond: async () => ({ added: true }),
  } as const;

  it('adds UNAUTHENTICATED, the subgraph failures and INTERNAL_SERVER_ERROR to every route', () => {
    expect(possibleErrors(defineRoute({ ...bare, errors: [] }))).toEqual([
      'UNAUTHENTICATED',
      'SUBGRAPH_UNAVAILABLE',
      'SUBGRAPH_TIMEOUT',
      'INTERNAL_SERVER_ERROR',
    ]);
  });

  it('adds IDEMPOTENCY_KEY_REUSED, and BAD_USER_INPUT for an unusable key, to a route that takes an Idempotency-Key', () => {
    expect(possibleErrors(defineRoute({ ...bare, method: 'post', idempotent: true, errors: [] }))).toEqual([
      'UNAUTHENTICATED',
      'SUBGRAPH_UNAVAILABLE',
      'SUBGRAPH_TIMEOUT',
      'BAD_USER_INPUT',
      'IDEMPOTENCY_KEY_REUSED',
      'INTERNAL_SERVER_ERROR',
    ]);
  });

  it('adds BAD_USER_INPUT to a route with path parameters', () => {
    const route = defineRoute({ ...bare, params: z.object({ id: idInPath('Id.') }), errors: ['NOT_FOUND'] });
    expect(possibleErrors(route)).toEqual([
      'NOT_FOUND',
      'UNAUTHENTICATED',
      'SUBGRAPH_UNAVAILABLE',
      'SUBGRAPH_TIMEOUT',
      'BAD_USER_INPUT',
      'INTERNAL_SERVER_ERROR',
    ]);
  });

  it('adds what can go wrong with a JSON body to a route that reads one, each code once', () => {
    expect(possibleErrors(postRoute().route)).toEqual([
      'FORBIDDEN',
      'UNAUTHENTICATED',
      'SERVICE_UNAVAILABLE',
      'SUBGRAPH_UNAVAILABLE',
      'SUBGRAPH_TIMEOUT',
      'BAD_USER_INPUT',
      'MALFORMED_JSON',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
      'INTERNAL_SERVER_ERROR',
    ]);
    const withOwn = defineRoute({ ...bare, method: 'post', body: z.object({}), errors: ['BAD_USER_INPUT', 'UNAUTHENTICATED'] });
    expect(possibleErrors(withOwn)).toEqual([
      'BAD_USER_INPUT',
      'UNAUTHENTICATED',
      'SUBGRAPH_UNAVAILABLE',
      'SUBGRAPH_TIMEOUT',
      'MALFORMED_JSON',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
      'INTERNAL_SERVER_ERROR',
    ]);
  });
});
