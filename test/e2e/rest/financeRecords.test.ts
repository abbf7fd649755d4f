// Incomes, expenses and savings goals through the REST routes: added, then listed, in the
// original design's exact shapes, with amounts exact to the cent.
import { describe, expect, it } from 'vitest';
import { registerRestUser, rest } from '../../support/restClient.js';
import { financeResources, listedRecord } from './financeResources.js';

describe.each(financeResources)('$name routes', (resource) => {
  it('adds a record and answers with the message and the new integer id', async () => {
    const user = await registerRestUser();
    const response = await rest('POST', resource.path, { token: user.token, body: resource.validBody(user.userId) });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ message: resource.message, [resource.idKey]: expect.any(Number) });
    expect(Number.isInteger(response.body[resource.idKey])).toBe(true);
  });

  it('lists every record of the user with integer ids, number amounts and ISO dates', async () => {
    const user = await registerRestUser();
    const first = resource.validBody(user.userId);
    const second = { ...resource.validBody(user.userId), [resource.amountField]: 0.1, [resource.dateField]: '2026-12-24' };
    const firstId = (await rest('POST', resource.path, { token: user.token, body: first })).body[resource.idKey];
    const secondId = (await rest('POST', resource.path, { token: user.token, body: second })).body[resource.idKey];

    const response = await rest('GET', resource.listPath(user.userId), { token: user.token });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual([resource.listKey]);
    expect(response.body[resource.listKey]).toHaveLength(2);
    expect(response.body[resource.listKey]).toEqual(
      expect.arrayContaining([listedRecord(resource, first, firstId), listedRecord(resource, second, secondId)]),
    );
  });

  it('lists nothing, as an empty array, for a user without records', async () => {
    const user = await registerRestUser();
    const response = await rest('GET', resource.listPath(user.userId), { token: user.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ [resource.listKey]: [] });
  });

  it('keeps every cent of amounts up to the largest one stored', async () => {
    const user = await registerRestUser();
    for (const amount of [0.1, 0.2, 19.99, 999999999999.99]) {
      const added = await rest('POST', resource.path, {
        token: user.token,
        body: { ...resource.validBody(user.userId), [resource.amountField]: amount },
      });
      expect(added.status).toBe(201);
    }
    const listed = await rest('GET', resource.listPath(user.userId), { token: user.token });
    const amounts = listed.body[resource.listKey].map((record: Record<string, number>) => record[resource.amountField]);
    expect(amounts.sort((a: number, b: number) => a - b)).toEqual([0.1, 0.2, 19.99, 999999999999.99]);
  });

  it('takes a date-time with a zone and stores its UTC calendar date', async () => {
    const user = await registerRestUser();
    const body = { ...resource.validBody(user.userId), [resource.dateField]: '2026-11-01T23:30:00-02:00' };
    expect((await rest('POST', resource.path, { token: user.token, body })).status).toBe(201);
    const listed = await rest('GET', resource.listPath(user.userId), { token: user.token });
    expect(listed.body[resource.listKey][0][resource.dateField]).toBe('2026-11-02');
  });
});

describe('GET /income/{userId}', () => {
  it('lists all incomes, beyond one GraphQL page of 500, newest first', async () => {
    const user = await registerRestUser();
    const days = Array.from({ length: 503 }, (_, index) => new Date(Date.UTC(2025, 0, 1 + index)).toISOString().slice(0, 10));
    for (let start = 0; start < days.length; start += 50) {
      await Promise.all(
        days
          .slice(start, start + 50)
          .map((date) => rest('POST', '/income', { token: user.token, body: { userId: user.userId, amount: 1, source: 'Daily', date } })),
      );
    }
    const response = await rest('GET', `/income/${user.userId}`, { token: user.token });
    expect(response.body.incomes).toHaveLength(503);
    expect(response.body.incomes.map((income: { date: string }) => income.date)).toEqual([...days].reverse());
  });
});
