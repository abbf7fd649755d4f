// One query that crosses both subgraphs: the profile from User, the money from Finance.
import { describe, expect, it } from 'vitest';
import { errorCodes, registerUser, routerQuery, type TestUser } from '../support/router.js';

const ADD_INCOME = `mutation($amount: Money!, $source: String!, $date: Date!) {
  addIncome(amount: $amount, source: $source, date: $date) { id amount source date }
}`;
const ADD_EXPENSE = `mutation($amount: Money!, $category: String!, $date: Date!) {
  addExpense(amount: $amount, category: $category, date: $date) { id amount category date }
}`;

async function addIncome(user: TestUser, amount: string, source: string, date: string) {
  const response = await routerQuery(ADD_INCOME, { amount, source, date }, user.token);
  expect(response.errors).toBeUndefined();
  return response.data!['addIncome'];
}

async function addExpense(user: TestUser, amount: string, category: string, date: string) {
  const response = await routerQuery(ADD_EXPENSE, { amount, category, date }, user.token);
  expect(response.errors).toBeUndefined();
  return response.data!['addExpense'];
}

describe('the federated supergraph', () => {
  it('answers the dashboard query across the User and Finance subgraphs', async () => {
    const user = await registerUser();
    await addIncome(user, '2500.00', 'Salary', '2026-10-01');
    await addIncome(user, '120.50', 'Side project', '2026-10-15');
    await addExpense(user, '800', 'Rent', '2026-10-02');

    const response = await routerQuery(`{ me { username incomes { amount } financialSummary { net } } }`, {}, user.token);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      me: {
        username: user.username,
        incomes: [{ amount: '120.50' }, { amount: '2500.00' }],
        financialSummary: { net: '1820.50' },
      },
    });
  });

  it('filters records by date range and pages through them newest first', async () => {
    const user = await registerUser();
    for (const day of ['01', '02', '03', '04', '05']) await addExpense(user, `${Number(day)}.50`, 'Coffee', `2026-03-${day}`);

    const page = (limit: number, offset: number) =>
      routerQuery(
        `query($limit: Int, $offset: Int) { me { expenses(from: "2026-03-02", to: "2026-03-05", limit: $limit, offset: $offset) { date } } }`,
        { limit, offset },
        user.token,
      );
    const first = await page(2, 0);
    const second = await page(2, 2);
    const third = await page(2, 4);
    expect(first.data!['me'].expenses).toEqual([{ date: '2026-03-05' }, { date: '2026-03-04' }]);
    expect(second.data!['me'].expenses).toEqual([{ date: '2026-03-03' }, { date: '2026-03-02' }]);
    expect(third.data!['me'].expenses).toEqual([]);
  });

  it('updates and deletes each kind of record, and the change is what later reads see', async () => {
    const user = await registerUser();
    const income = await addIncome(user, '10', 'Gift', '2026-01-01');
    const expense = await addExpense(user, '5', 'Books', '2026-01-02');
    const goal = (
      await routerQuery(`mutation { createSavingsGoal(goal: "5000", targetDate: "2027-06-30") { id goal targetDate } }`, {}, user.token)
    ).data!['createSavingsGoal'];
    expect(goal).toMatchObject({ goal: '5000.00', targetDate: '2027-06-30' });

    const updated = await routerQuery(
      `mutation($i: ID!, $e: ID!, $g: ID!) {
        updateIncome(id: $i, amount: "12.25") { amount source date }
        updateExpense(id: $e, category: "Music", date: "2026-01-03") { amount category date }
        updateSavingsGoal(id: $g, targetDate: "2027-12-31") { goal targetDate }
      }`,
      { i: income.id, e: expense.id, g: goal.id },
      user.token,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data).toEqual({
      updateIncome: { amount: '12.25', source: 'Gift', date: '2026-01-01' },
      updateExpense: { amount: '5.00', category: 'Music', date: '2026-01-03' },
      updateSavingsGoal: { goal: '5000.00', targetDate: '2027-12-31' },
    });

    const deleted = await routerQuery(
      `mutation($i: ID!, $g: ID!) { deleteIncome(id: $i) deleteSavingsGoal(id: $g) }`,
      { i: income.id, g: goal.id },
      user.token,
    );
    expect(deleted.data).toEqual({ deleteIncome: income.id, deleteSavingsGoal: goal.id });

    const after = await routerQuery(`{ me { incomes { id } expenses { category } savingsGoals { id } } }`, {}, user.token);
    expect(after.data).toEqual({ me: { incomes: [], expenses: [{ category: 'Music' }], savingsGoals: [] } });

    const again = await routerQuery(`mutation($i: ID!) { deleteIncome(id: $i) }`, { i: income.id }, user.token);
    expect(errorCodes(again)).toEqual(['NOT_FOUND']);
  });
});
