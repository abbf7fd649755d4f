// Bad input is answered with an error code and a message that names the problem; nothing is stored.
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, REGISTER, registerUser, routerQuery, uniqueCredentials, type TestUser } from '../support/router.js';

const ADD_INCOME = `mutation($amount: Money!, $source: String!, $date: Date!) {
  addIncome(amount: $amount, source: $source, date: $date) { id }
}`;

let user: TestUser;

beforeAll(async () => {
  user = await registerUser();
});

const addIncome = (variables: Record<string, unknown>) =>
  routerQuery(ADD_INCOME, { amount: '10.00', source: 'Salary', date: '2026-11-01', ...variables }, user.token);

describe('bad input', () => {
  it.each([
    ['a negative amount', { amount: '-5.00' }, /amount: must be greater than 0/],
    ['a zero amount', { amount: 0 }, /amount: must be greater than 0/],
    ['a non-numeric amount', { amount: 'ten' }, /amount: must be a decimal number/],
    ['an amount with fractions of a cent', { amount: '1.005' }, /at most 2 fractional digits/],
    ['an amount that is not a number at all', { amount: true }, /amount: must be a decimal number/],
    ['a non-finite amount', { amount: 'Infinity' }, /amount: must be a decimal number/],
    ['an amount too large to store', { amount: '1000000000000' }, /amount: must be at most 999999999999\.99/],
    ['an amount of 1e12 sent as a number', { amount: 1e12 }, /amount: must be at most 999999999999\.99/],
    ['an empty source', { source: '   ' }, /source: must not be empty/],
    ['an impossible date', { date: '2026-02-30' }, /date: must be a valid ISO 8601 date/],
    ['a date that is not ISO 8601', { date: '11/01/2026' }, /date: must be a valid ISO 8601 date/],
  ])('refuses %s with BAD_USER_INPUT', async (_name, variables, message) => {
    const response = await addIncome(variables);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toMatch(message);
  });

  it('stores none of the refused records', async () => {
    await addIncome({ amount: '-1' });
    const response = await routerQuery(`{ me { incomes { amount } } }`, {}, user.token);
    expect(response.data!['me'].incomes.map((income: { amount: string }) => income.amount)).not.toContain('-1.00');
  });

  it('refuses a malformed id', async () => {
    const response = await routerQuery(`mutation { deleteExpense(id: "abc") }`, {}, user.token);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toMatch(/id: must be a positive integer/);
  });

  it('refuses an out-of-range page size, a bad period bound and a reversed date range', async () => {
    const page = await routerQuery(`{ me { incomes(limit: 10000) { id } } }`, {}, user.token);
    const bound = await routerQuery(`{ me { expenses(from: "yesterday") { id } } }`, {}, user.token);
    const range = await routerQuery(`{ me { financialSummary(from: "2026-12-01", to: "2026-01-01") { net } } }`, {}, user.token);
    expect(errorCodes(page)).toEqual(['BAD_USER_INPUT']);
    expect(page.errors![0]!.message).toMatch(/limit: must be between 1 and 500/);
    expect(errorCodes(bound)).toEqual(['BAD_USER_INPUT']);
    expect(bound.errors![0]!.extensions!['field']).toBe('from');
    expect(errorCodes(range)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a bad amount written inline in the query, not only in variables', async () => {
    const response = await routerQuery(
      `mutation { addExpense(amount: "12,50", category: "Food", date: "2026-11-01") { id } }`,
      {},
      user.token,
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!['field']).toBe('amount');
  });

  it.each([
    ['an empty username', { username: '' }, 'username'],
    ['a username with spaces', { username: 'two words' }, 'username'],
    ['an invalid email', { email: 'not-an-email' }, 'email'],
    ['a short password', { password: 'short' }, 'password'],
  ])('refuses to register with %s', async (_name, override, field) => {
    const response = await routerQuery(REGISTER, { ...uniqueCredentials(), ...override });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!['field']).toBe(field);
  });
});
