// A user reads and writes only their own finance records, whichever way they ask.
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, registerUser, routerQuery, type TestUser } from '../support/router.js';

let alice: TestUser;
let bob: TestUser;
let aliceIncomeId: string;

beforeAll(async () => {
  [alice, bob] = await Promise.all([registerUser(), registerUser()]);
  const added = await routerQuery(
    `mutation { addIncome(amount: "4200.00", source: "Alice's salary", date: "2026-11-01") { id } }`,
    {},
    alice.token,
  );
  aliceIncomeId = added.data!['addIncome'].id;
});

async function aliceIncomes() {
  const response = await routerQuery(`{ me { incomes { id amount source } } }`, {}, alice.token);
  return response.data!['me'].incomes;
}

describe('authorization', () => {
  it("does not show Alice's incomes or summary to Bob", async () => {
    for (const field of ['incomes { amount }', 'expenses { amount }', 'savingsGoals { goal }', 'financialSummary { net }']) {
      const response = await routerQuery(`query($id: ID!) { user(id: $id) { username ${field} } }`, { id: alice.id }, bob.token);
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(response.data)).not.toContain('4200');
    }
  });

  it("does not let Bob change or delete Alice's income", async () => {
    const update = await routerQuery(
      `mutation($id: ID!) { updateIncome(id: $id, amount: "1.00") { amount } }`,
      { id: aliceIncomeId },
      bob.token,
    );
    const remove = await routerQuery(`mutation($id: ID!) { deleteIncome(id: $id) }`, { id: aliceIncomeId }, bob.token);
    expect(errorCodes(update)).toEqual(['FORBIDDEN']);
    expect(errorCodes(remove)).toEqual(['FORBIDDEN']);
    expect(await aliceIncomes()).toEqual([{ id: aliceIncomeId, amount: '4200.00', source: "Alice's salary" }]);
  });

  it('refuses finance reads and writes without a token', async () => {
    const read = await routerQuery(`query($id: ID!) { user(id: $id) { username } }`, { id: alice.id });
    const write = await routerQuery(`mutation { addExpense(amount: "1", category: "x", date: "2026-01-01") { id } }`);
    expect(errorCodes(read)).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(write)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers an unknown record id with NOT_FOUND', async () => {
    const response = await routerQuery(`mutation { updateExpense(id: "2147483000", amount: "1") { id } }`, {}, bob.token);
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });
});
