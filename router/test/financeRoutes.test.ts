// The finance resources of the REST contract, over a stand-in gateway: who may add, and how
// GraphQL's ids and Money become the contract's JSON numbers.
import { describe, expect, it } from 'vitest';
import { RestError } from '../src/rest/errorModel.js';
import { restRoutes } from '../src/rest/restApi.js';
import type { RestRoute } from '../src/rest/restRoute.js';
import { rejectionOf } from '../../test/support/thrown.js';
import { fakeGateway, type OperationCall } from './fakeGateway.js';

const routeFor = (method: 'get' | 'post', path: string): RestRoute => {
  const route = restRoutes.find((candidate) => candidate.method === method && candidate.path === path);
  if (route === undefined) throw new Error(`no route ${method} ${path}`);
  return route;
};

const RESOURCES = [
  {
    path: '/income',
    body: { userId: 7, amount: 1250.5, source: 'Salary', date: '2026-11-25' },
    mutation: 'RestAddIncome',
    variables: { amount: '1250.5', source: 'Salary', date: '2026-11-25' },
    created: (id: string) => ({ addIncome: { id } }),
    answer: { message: 'Income added successfully', incomeId: 12 },
  },
  {
    path: '/expense',
    body: { userId: 7, amount: 0.1, category: 'Groceries', date: '2026-11-25T10:00:00Z' },
    mutation: 'RestAddExpense',
    variables: { amount: '0.1', category: 'Groceries', date: '2026-11-25T10:00:00Z' },
    created: (id: string) => ({ addExpense: { id } }),
    answer: { message: 'Expense added successfully', expenseId: 12 },
  },
  {
    path: '/savings',
    body: { userId: 7, goal: 999999999999.99, targetDate: '2027-06-30' },
    mutation: 'RestCreateSavingsGoal',
    variables: { goal: '999999999999.99', targetDate: '2027-06-30' },
    created: (id: string) => ({ createSavingsGoal: { id } }),
    answer: { message: 'Savings goal set successfully', savingsId: 12 },
  },
];

describe.each(RESOURCES)('POST $path', ({ path, body, mutation, variables, created, answer }) => {
  it('adds a record of the caller’s own, answering its id as a number', async () => {
    const { run, calls } = fakeGateway(() => created('12'));
    await expect(routeFor('post', path).handle({ params: {}, body, callerId: 7 }, run)).resolves.toEqual(answer);
    expect(calls).toEqual([{ operationName: mutation, variables }]);
  });

  it('refuses a record for another user with FORBIDDEN, without running anything', async () => {
    const { run, calls } = fakeGateway(() => created('12'));
    const error = await rejectionOf(routeFor('post', path).handle({ params: {}, body: { ...body, userId: 8 }, callerId: 7 }, run));
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', status: 403, message: 'userId: you may only add records of your own' });
    expect(calls).toEqual([]);
  });

  it('answers 201', () => {
    expect(routeFor('post', path).success.status).toBe(201);
  });
});

describe('POST /expense', () => {
  it('names every refused field of the body', async () => {
    const { run, calls } = fakeGateway(() => ({}));
    const error = await rejectionOf(
      routeFor('post', '/expense').handle(
        { params: {}, body: { userId: 7, amount: -5, category: 12, date: '2026-11-25T10:00:00' }, callerId: 7 },
        run,
      ),
    );
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'amount: must be greater than 0; category: must be a string; date: must be an ISO 8601 date, e.g. "2026-11-25"',
    });
    expect(calls).toEqual([]);
  });
});

/** A page of `count` GraphQL records, numbered from `first`. */
const pageOf = (count: number, first: number, row: (id: string) => object): object[] =>
  Array.from({ length: count }, (_, index) => row(String(first + index)));

const LISTS = [
  {
    path: '/income',
    query: 'RestIncomes',
    key: 'incomes',
    row: (id: string) => ({ id, amount: '1250.50', source: 'Salary', date: '2026-11-25' }),
    item: (id: number) => ({ incomeId: id, amount: 1250.5, source: 'Salary', date: '2026-11-25' }),
  },
  {
    path: '/expense',
    query: 'RestExpenses',
    key: 'expenses',
    row: (id: string) => ({ id, amount: '0.10', category: 'Groceries', date: '2026-11-25' }),
    item: (id: number) => ({ expenseId: id, amount: 0.1, category: 'Groceries', date: '2026-11-25' }),
  },
  {
    path: '/savings',
    query: 'RestSavingsGoals',
    key: 'savingsGoals',
    row: (id: string) => ({ id, goal: '999999999999.99', targetDate: '2027-06-30' }),
    item: (id: number) => ({ savingsId: id, goal: 999999999999.99, targetDate: '2027-06-30' }),
  },
];

describe.each(LISTS)('GET $path/{userId}', ({ path, query, key, row, item }) => {
  const listRoute = () => routeFor('get', `${path}/{userId}`);
  const userWith = (rows: unknown[]) => ({ user: { [key]: rows } });

  it('lists every record, page after page of 500, with ids and amounts as numbers', async () => {
    const { run, calls } = fakeGateway(({ variables }) => userWith(variables['offset'] === 0 ? pageOf(500, 1, row) : pageOf(3, 501, row)));
    const answer = (await listRoute().handle({ params: { userId: '7' }, body: undefined, callerId: 7 }, run)) as Record<string, unknown[]>;
    expect(answer[key]).toHaveLength(503);
    expect(answer[key]?.[0]).toEqual(item(1));
    expect(answer[key]?.[502]).toEqual(item(503));
    expect(calls).toEqual<OperationCall[]>([
      { operationName: query, variables: { userId: '7', limit: 500, offset: 0 } },
      { operationName: query, variables: { userId: '7', limit: 500, offset: 500 } },
    ]);
  });

  it('stops after a page that comes back short', async () => {
    const { run, calls } = fakeGateway(() => userWith(pageOf(2, 1, row)));
    const answer = await listRoute().handle({ params: { userId: '7' }, body: undefined, callerId: 7 }, run);
    expect(answer).toEqual({ [key]: [item(1), item(2)] });
    expect(calls).toHaveLength(1);
  });

  it('asks once more after a full page, and answers an empty list for a user without records', async () => {
    const full = fakeGateway(({ variables }) => userWith(variables['offset'] === 0 ? pageOf(500, 1, row) : []));
    const answer = (await listRoute().handle({ params: { userId: '7' }, body: undefined, callerId: 7 }, full.run)) as Record<
      string,
      unknown[]
    >;
    expect(answer[key]).toHaveLength(500);
    expect(full.calls).toHaveLength(2);
    const none = fakeGateway(() => userWith([]));
    await expect(listRoute().handle({ params: { userId: '7' }, body: undefined, callerId: 7 }, none.run)).resolves.toEqual({ [key]: [] });
  });

  it('answers 404 for a user GraphQL does not know', async () => {
    const { run } = fakeGateway(() => ({ user: null }));
    const error = await rejectionOf(listRoute().handle({ params: { userId: '99' }, body: undefined, callerId: 7 }, run));
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, message: 'No user with this id' });
  });

  it('refuses a user id that is not a positive integer before asking GraphQL', async () => {
    const { run, calls } = fakeGateway(() => userWith([]));
    const error = await rejectionOf(listRoute().handle({ params: { userId: '0' }, body: undefined, callerId: 7 }, run));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: 'userId: must be a positive integer id' });
    expect(calls).toEqual([]);
  });
});
