// Deleting an account through the router: from then on every token of it is refused by every
// service, Finance holds none of its records, and its email and username can register again.
// Also the other half of account keys: a token naming an id that now belongs to another account.
import { issueUserToken, ROUTER_ASSERTION_HEADER, signRouterAssertion } from '@ledgerline/identity';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callerFor } from '../support/callers.js';
import { errorCodes, postGraphQL, REGISTER, registerUser, routerQuery, type TestUser } from '../support/router.js';

const DELETE_ACCOUNT = `mutation($password: String!) { deleteAccount(password: $password) { status } }`;
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const MY_RECORDS = `{ me { id incomes { id amount } expenses { id } savingsGoals { id } } }`;
const ADD_INCOME = `mutation { addIncome(amount: "123.45", source: "Salary", date: "2026-03-01") { id } }`;

// tokenRefusal.ts: a deleted account's row is gone; a live account with another key has ended the session.
const NO_ACCOUNT = 'The account this token was issued for no longer exists';
const SESSION_ENDED =
  'This session has ended (it was logged out, the account was signed out everywhere, its password changed, or it is being deleted); sign in again';

interface RecordIds {
  income: string;
  expense: string;
  savingsGoal: string;
}

/** One income, one expense and one savings goal of `user`, through the router. */
async function addRecordsOf(user: TestUser): Promise<RecordIds> {
  const added = await routerQuery(
    `mutation {
      addIncome(amount: "2500.00", source: "Salary", date: "2026-03-01") { id }
      addExpense(amount: "42.10", category: "Groceries", date: "2026-03-02") { id }
      createSavingsGoal(goal: "5000.00", targetDate: "2027-06-30") { id }
    }`,
    {},
    user.token,
  );
  if (added.errors) throw new Error(`adding records failed: ${JSON.stringify(added.errors)}`);
  return { income: added.data!['addIncome'].id, expense: added.data!['addExpense'].id, savingsGoal: added.data!['createSavingsGoal'].id };
}

/** Every finance write, aimed at the user's own records where it needs an id. */
const financeWrites = (ids: RecordIds): [string, string, Record<string, unknown>][] => [
  ['addIncome', ADD_INCOME, {}],
  ['updateIncome', `mutation($id: ID!) { updateIncome(id: $id, amount: "1.00") { id } }`, { id: ids.income }],
  ['deleteIncome', `mutation($id: ID!) { deleteIncome(id: $id) }`, { id: ids.income }],
  ['addExpense', `mutation { addExpense(amount: "1.00", category: "Rent", date: "2026-03-03") { id } }`, {}],
  ['updateExpense', `mutation($id: ID!) { updateExpense(id: $id, amount: "1.00") { id } }`, { id: ids.expense }],
  ['deleteExpense', `mutation($id: ID!) { deleteExpense(id: $id) }`, { id: ids.expense }],
  ['createSavingsGoal', `mutation { createSavingsGoal(goal: "1.00", targetDate: "2027-01-01") { id } }`, {}],
  ['updateSavingsGoal', `mutation($id: ID!) { updateSavingsGoal(id: $id, goal: "1.00") { id } }`, { id: ids.savingsGoal }],
  ['deleteSavingsGoal', `mutation($id: ID!) { deleteSavingsGoal(id: $id) }`, { id: ids.savingsGoal }],
];

// Read straight from the database: what the API no longer shows could still be stored.
let database: pg.Client;

beforeAll(async () => {
  database = new pg.Client({ connectionString: inject('databaseUrl') });
  await database.connect();
});

afterAll(async () => {
  await database.end();
});

/** How many rows of `userId` each finance table still holds. */
async function financeRowsOf(userId: string): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const table of ['incomes', 'expenses', 'savings_goals']) {
    const result = await database.query<{ count: string }>(`SELECT count(*) FROM finance.${table} WHERE user_id = $1`, [Number(userId)]);
    rows[table] = Number(result.rows[0]!.count);
  }
  return rows;
}

describe('deleteAccount', () => {
  it('deletes the account and its records, refuses its token everywhere and frees its email and username', async () => {
    const user = await registerUser();
    const ids = await addRecordsOf(user);
    expect(await financeRowsOf(user.id)).toEqual({ incomes: 1, expenses: 1, savings_goals: 1 });

    const deleted = await routerQuery(DELETE_ACCOUNT, { password: user.password }, user.token);
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data).toEqual({ deleteAccount: { status: 'DELETED' } });

    for (const [name, query, variables] of financeWrites(ids)) {
      const response = await routerQuery(query, variables, user.token);
      expect(errorCodes(response), name).toEqual(['UNAUTHENTICATED']);
      expect(response.errors![0]!.message, name).toBe(NO_ACCOUNT);
    }
    const me = await routerQuery(`{ me { id } }`, {}, user.token);
    expect(errorCodes(me)).toEqual(['UNAUTHENTICATED']);
    expect(me.errors![0]!.message).toBe(NO_ACCOUNT);
    expect(errorCodes(await routerQuery(LOGIN, { email: user.email, password: user.password }))).toEqual(['INVALID_CREDENTIALS']);

    // None of the refused writes above may have stored anything either.
    expect(await financeRowsOf(user.id)).toEqual({ incomes: 0, expenses: 0, savings_goals: 0 });
    const userRows = await database.query('SELECT 1 FROM users.users WHERE id = $1', [Number(user.id)]);
    expect(userRows.rowCount).toBe(0);

    const again = await routerQuery<{ register: { token: string; userId: string } }>(REGISTER, {
      username: user.username,
      email: user.email,
      password: user.password,
    });
    expect(again.errors).toBeUndefined();
    expect(again.data!.register.userId).not.toBe(user.id);
    const fresh = await routerQuery(MY_RECORDS, {}, again.data!.register.token);
    expect(fresh.errors).toBeUndefined();
    expect(fresh.data).toEqual({ me: { id: again.data!.register.userId, incomes: [], expenses: [], savingsGoals: [] } });
  });

  it('refuses a wrong password with INVALID_CREDENTIALS and leaves the account, its token and its records working', async () => {
    const user = await registerUser();
    const ids = await addRecordsOf(user);

    const refused = await routerQuery(DELETE_ACCOUNT, { password: 'not-the-password' }, user.token);
    expect(errorCodes(refused)).toEqual(['INVALID_CREDENTIALS']);
    expect(refused.errors![0]!.extensions!['field']).toBe('password');
    expect(refused.data).toBeNull();

    const records = await routerQuery(MY_RECORDS, {}, user.token);
    expect(records.errors).toBeUndefined();
    expect(records.data).toEqual({
      me: {
        id: user.id,
        incomes: [{ id: ids.income, amount: '2500.00' }],
        expenses: [{ id: ids.expense }],
        savingsGoals: [{ id: ids.savingsGoal }],
      },
    });
    const added = await routerQuery(ADD_INCOME, {}, user.token);
    expect(added.errors).toBeUndefined();
    const login = await routerQuery(LOGIN, { email: user.email, password: user.password });
    expect(login.errors).toBeUndefined();
  });

  it('answers UNAUTHENTICATED without a token', async () => {
    const response = await routerQuery(DELETE_ACCOUNT, { password: 'whatever-it-is' });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data ?? null).toBeNull();
  });
});

describe('tokens bound to an account', () => {
  let alice: TestUser;

  beforeAll(async () => {
    alice = await registerUser();
    await routerQuery(`mutation { addIncome(amount: "777.77", source: "Bonus", date: "2026-04-01") { id } }`, {}, alice.token);
  });

  it("refuses a token for Alice's id that was issued to another account, as after a database reset", async () => {
    // Signed with the real secret and naming Alice's id: only its account key tells it apart.
    const stale = issueUserToken(callerFor(Number(alice.id)), inject('jwtSecret'), 600);

    const me = await routerQuery(`{ me { id email } }`, {}, stale);
    const write = await routerQuery(ADD_INCOME, {}, stale);
    const read = await routerQuery(`query($id: ID!) { user(id: $id) { incomes { amount } } }`, { id: alice.id }, stale);
    for (const response of [me, write, read]) {
      expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
      expect(response.errors![0]!.message).toBe(SESSION_ENDED);
      expect(JSON.stringify(response)).not.toContain('777.77');
      expect(JSON.stringify(response)).not.toContain(alice.email);
    }

    const own = await routerQuery(MY_RECORDS, {}, alice.token);
    expect(own.errors).toBeUndefined();
    expect(own.data!['me'].incomes).toEqual([{ id: expect.any(String), amount: '777.77' }]);
  });

  it('has Finance refuse that token itself, even when the router vouches for the caller', async () => {
    // What the router would send for the stale token: Finance must ask the User service, not trust the id.
    const assertion = signRouterAssertion({ caller: callerFor(Number(alice.id)), requestId: 'stale-token' }, inject('routerSigningSecret'));
    const response = await postGraphQL(
      inject('financeSubgraphUrl'),
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { incomes { amount } } } }`,
      { representations: [{ __typename: 'User', id: alice.id }] },
      { [ROUTER_ASSERTION_HEADER]: assertion },
    );
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors![0]!.message).toBe(SESSION_ENDED);
    expect(JSON.stringify(response)).not.toContain('777.77');
  });

  it('refuses at the router, with HTTP 401, a token that carries no account key', async () => {
    const keyless = jwt.sign({}, inject('jwtSecret'), {
      algorithm: 'HS256',
      issuer: 'ledgerline-user',
      audience: 'ledgerline',
      subject: alice.id,
      expiresIn: 600,
    });
    const response = await routerQuery(`{ me { id } }`, {}, keyless);
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data ?? null).toBeNull();
  });
});
