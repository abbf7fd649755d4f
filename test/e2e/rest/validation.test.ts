// Bad input to the REST routes: 400 BAD_USER_INPUT with a message and details that name each
// refused field, and nothing stored.
import { beforeAll, describe, expect, it } from 'vitest';
import { registerRestUser, rest, type RestUser } from '../../support/restClient.js';
import { financeResources } from './financeResources.js';

let user: RestUser;

beforeAll(async () => {
  user = await registerRestUser();
});

const refusedFields = (body: { error: { details?: { fields: { field: string }[] } } }) =>
  body.error.details?.fields.map((problem) => problem.field);

describe.each(financeResources)('POST $path', (resource) => {
  const { amountField: amount, dateField: date } = resource;

  it.each([
    ['a missing userId', { userId: undefined }, 'userId', 'is required'],
    ['a userId sent as a string', { userId: '1' }, 'userId', 'must be an integer'],
    ['a fractional userId', { userId: 1.5 }, 'userId', 'must be an integer'],
    ['a missing amount', { [amount]: undefined }, amount, 'is required'],
    ['an amount sent as a string', { [amount]: '12.50' }, amount, 'must be a finite number'],
    ['a negative amount', { [amount]: -5 }, amount, 'must be greater than 0'],
    ['a zero amount', { [amount]: 0 }, amount, 'must be greater than 0'],
    ['an amount with fractions of a cent', { [amount]: 1.005 }, amount, 'must be a decimal number with at most 2 fractional digits'],
    ['an amount too large to store', { [amount]: 1e15 }, amount, 'must be at most 999999999999.99'],
    ['an amount of 1e12, one cent past the largest', { [amount]: 1e12 }, amount, 'must be at most 999999999999.99'],
    ['a missing date', { [date]: undefined }, date, 'is required'],
    ['an impossible date', { [date]: '2026-02-30' }, date, 'must be an ISO 8601 date'],
    ['a date that is not ISO 8601', { [date]: '11/01/2026' }, date, 'must be an ISO 8601 date'],
    ['a date sent as a number', { [date]: 20261101 }, date, 'must be an ISO 8601 date'],
    ['a date before the year 1900', { [date]: '1850-01-01' }, date, 'must be a valid ISO 8601 date'],
  ])('refuses %s', async (_name, override, field, problem) => {
    const response = await rest('POST', resource.path, { token: user.token, body: { ...resource.validBody(user.userId), ...override } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_USER_INPUT');
    expect(response.body.error.message).toContain(`${field}: ${problem}`);
    expect(refusedFields(response.body)).toEqual([field]);
  });

  it('refuses an amount of 1e400 (Infinity once read) as too large', async () => {
    const body = JSON.stringify(resource.validBody(user.userId)).replace(/"(amount|goal)":[0-9.]+/, '"$1":1e400');
    const response = await rest('POST', resource.path, {
      token: user.token,
      rawBody: body,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(`${amount}: must be at most 999999999999.99`);
  });

  it('names every refused field at once', async () => {
    const response = await rest('POST', resource.path, { token: user.token, body: { [amount]: -1 } });
    expect(response.status).toBe(400);
    expect(refusedFields(response.body)).toEqual(expect.arrayContaining(['userId', amount, date]));
  });

  it('refuses a body that is a JSON array, not an object', async () => {
    const response = await rest('POST', resource.path, { token: user.token, body: [resource.validBody(user.userId)] });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('body: must be a JSON object');
  });
});

describe('text fields', () => {
  it.each([
    ['/income', 'source', 'x'.repeat(201), 'source: must be at most 200 characters'],
    ['/income', 'source', '   ', 'source: must not be empty'],
    ['/expense', 'category', 'x'.repeat(101), 'category: must be at most 100 characters'],
    ['/expense', 'category', 7, 'category: must be a string'],
  ])('POST %s refuses %s %j', async (path, field, value, message) => {
    const resource = financeResources.find((candidate) => candidate.path === path)!;
    const response = await rest('POST', path, { token: user.token, body: { ...resource.validBody(user.userId), [field]: value } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(message);
    expect(refusedFields(response.body)).toEqual([field]);
  });
});

describe('refused records', () => {
  it('are not stored', async () => {
    const fresh = await registerRestUser();
    for (const resource of financeResources) {
      await rest('POST', resource.path, { token: fresh.token, body: { ...resource.validBody(fresh.userId), [resource.amountField]: -1 } });
      await rest('POST', resource.path, {
        token: fresh.token,
        body: { ...resource.validBody(fresh.userId), [resource.dateField]: '2026-13-01' },
      });
      const listed = await rest('GET', resource.listPath(fresh.userId), { token: fresh.token });
      expect(listed.body).toEqual({ [resource.listKey]: [] });
    }
  });
});

describe.each(financeResources)('GET $listKey of a user', (resource) => {
  it.each(['abc', '0', '-1', '2.5', '99999999999'])('refuses the user id %s with 400', async (id) => {
    const response = await rest('GET', resource.listPath(user.userId).replace(String(user.userId), id), { token: user.token });
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'userId: must be a positive integer id',
      details: { fields: [{ field: 'userId', message: 'must be a positive integer id' }] },
    });
  });
});
