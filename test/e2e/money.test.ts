// Amounts are exact decimals end to end: no binary float ever rounds them.
import { describe, expect, it } from 'vitest';
import { registerUser, routerQuery } from '../support/router.js';

const ADD_INCOME = `mutation($amount: Money!) { addIncome(amount: $amount, source: "Test", date: "2026-11-01") { amount } }`;
const ADD_EXPENSE = `mutation($amount: Money!) { addExpense(amount: $amount, category: "Test", date: "2026-11-01") { amount } }`;
const SUMMARY = `{ me { financialSummary { totalIncome totalExpenses net } } }`;

describe('exact money', () => {
  it('sums incomes of 0.10 and 0.20 to exactly 0.30', async () => {
    const user = await registerUser();
    await routerQuery(ADD_INCOME, { amount: '0.10' }, user.token);
    await routerQuery(ADD_INCOME, { amount: 0.2 }, user.token);
    const response = await routerQuery(SUMMARY, {}, user.token);
    expect(response.data!['me'].financialSummary).toEqual({ totalIncome: '0.30', totalExpenses: '0.00', net: '0.30' });
  });

  it('keeps every cent of amounts beyond a double’s integer precision', async () => {
    const user = await registerUser();
    const added = await routerQuery(ADD_INCOME, { amount: '999999999999.99' }, user.token);
    expect(added.data).toEqual({ addIncome: { amount: '999999999999.99' } });
    await routerQuery(ADD_INCOME, { amount: '999999999999.99' }, user.token);
    await routerQuery(ADD_EXPENSE, { amount: '0.01' }, user.token);
    const response = await routerQuery(SUMMARY, {}, user.token);
    expect(response.data!['me'].financialSummary).toEqual({
      totalIncome: '1999999999999.98',
      totalExpenses: '0.01',
      net: '1999999999999.97',
    });
  });
});
