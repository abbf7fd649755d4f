// What users see of the internal gRPC calls when a service is away, through the router in front
// of both subgraphs (in-process, real sockets): Finance writes need the User service's word on the
// token; a deletion needs Finance to erase the records, and finishes on its own once it can.
import { randomUUID } from 'node:crypto';
import { issueUserToken } from '@ledgerline/identity';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRouterInFrontOf, type GraphQLAnswer, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { financeDatabase, userDatabase } from '../../test/support/serviceDatabases.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

let subgraphs: InProcessSubgraphs;
let router: InProcessRouter;
let routerOrigin: string;

beforeAll(async () => {
  // Pending deletions are retried every 200 ms here, rather than every 30 s.
  subgraphs = await startSubgraphsInProcess({ accountDeletionRetryMs: 200 });
  router = await startRouterInFrontOf(subgraphs);
  routerOrigin = router.origin;
});

afterAll(async () => {
  await router.stop();
  await subgraphs.stop();
});

const graphql = (query: string, variables: Record<string, unknown> = {}, token?: string) => router.graphql(query, variables, token);
const codes = (answer: GraphQLAnswer) => (answer.errors ?? []).map((error) => error.extensions?.code);

async function registered() {
  const account = await router.register();
  return { ...account, userId: Number(account.userId) };
}

const ADD_INCOME = 'mutation { addIncome(amount: "10.00", source: "Tips", date: "2026-11-20") { id } }';

async function recordsOf(userId: number) {
  const where = { where: { userId } };
  const db = financeDatabase();
  return {
    incomes: await db.income.count(where),
    expenses: await db.expense.count(where),
    savingsGoals: await db.savingsGoal.count(where),
  };
}

describe('a token whose account holds another key', () => {
  it('writes nothing with any finance mutation: Finance asks the User service before the resolver runs', async () => {
    const ada = await registered();
    const added = await graphql(ADD_INCOME, {}, ada.token);
    const incomeId = (added.data!['addIncome'] as { id: string }).id;
    // What an old token looks like once its id belongs to another account: validly signed, another key.
    const stale = issueUserToken(
      { userId: ada.userId, accountKey: randomUUID(), sessionId: randomUUID() },
      subgraphs.secrets.jwtSecret,
      600,
    );
    for (const mutation of [
      ADD_INCOME,
      'mutation { addExpense(amount: "4.20", category: "Coffee", date: "2026-11-21") { id } }',
      'mutation { createSavingsGoal(goal: "900.00", targetDate: "2027-01-31") { id } }',
      `mutation { updateIncome(id: "${incomeId}", amount: "1.00") { id } }`,
      `mutation { deleteIncome(id: "${incomeId}") }`,
    ]) {
      expect(codes(await graphql(mutation, {}, stale)), mutation).toEqual(['UNAUTHENTICATED']);
    }
    expect(await recordsOf(ada.userId)).toEqual({ incomes: 1, expenses: 0, savingsGoals: 0 });
    const kept = await graphql('{ me { incomes { id amount } } }', {}, ada.token);
    expect(kept.data).toEqual({ me: { incomes: [{ id: incomeId, amount: '10.00' }] } });
  });
});

describe('with the User gRPC server down', () => {
  it('refuses a finance write with SERVICE_UNAVAILABLE and writes nothing, then takes it once the server is back', async () => {
    const ada = await registered();
    expect(codes(await graphql(ADD_INCOME, {}, ada.token))).toEqual([]);

    await subgraphs.stopGrpc('user');
    try {
      const refused = await graphql(ADD_INCOME, {}, ada.token);
      expect(codes(refused)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(refused.errors![0]!.message).toBe('The user service is unreachable; nothing was changed, try again shortly');
      const rest = await fetch(`${routerOrigin}/income`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ada.token}` },
        body: JSON.stringify({ userId: ada.userId, amount: 10, source: 'Tips', date: '2026-11-20' }),
      });
      expect(rest.status).toBe(503);
      expect(((await rest.json()) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
      expect((await recordsOf(ada.userId)).incomes).toBe(1);
    } finally {
      await subgraphs.startGrpc('user');
    }

    await vi.waitFor(async () => expect(codes(await graphql(ADD_INCOME, {}, ada.token))).toEqual([]), { timeout: 10_000, interval: 200 });
    expect((await recordsOf(ada.userId)).incomes).toBe(2);
  });
});

describe('deleting an account with the Finance gRPC server down', () => {
  it('answers PENDING, keeps every record, refuses the tokens and sign-in, then finishes once Finance is back', async () => {
    const bea = await registered();
    for (const mutation of [
      ADD_INCOME,
      'mutation { addExpense(amount: "4.20", category: "Coffee", date: "2026-11-21") { id } }',
      'mutation { createSavingsGoal(goal: "900.00", targetDate: "2027-01-31") { id } }',
    ]) {
      expect(codes(await graphql(mutation, {}, bea.token))).toEqual([]);
    }

    await subgraphs.stopGrpc('finance');
    try {
      const deletion = await graphql('mutation($p: String!) { deleteAccount(password: $p) { status } }', { p: bea.password }, bea.token);
      expect(deletion).toEqual({ data: { deleteAccount: { status: 'PENDING' } } });
      expect(await recordsOf(bea.userId)).toEqual({ incomes: 1, expenses: 1, savingsGoals: 1 });
      expect(codes(await graphql('{ me { id } }', {}, bea.token))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await graphql(ADD_INCOME, {}, bea.token))).toEqual(['UNAUTHENTICATED']);
      const login = await graphql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
        e: bea.email,
        p: bea.password,
      });
      expect(login.errors?.[0]).toMatchObject({ message: 'This account is being deleted and can no longer sign in' });
    } finally {
      await subgraphs.startGrpc('finance');
    }

    // Nobody retries by hand: the User service finishes the deletion once Finance answers.
    await vi.waitFor(async () => expect(await userDatabase().user.findUnique({ where: { id: bea.userId } })).toBeNull(), {
      timeout: 15_000,
      interval: 200,
    });
    expect(await recordsOf(bea.userId)).toEqual({ incomes: 0, expenses: 0, savingsGoals: 0 });
    const again = await graphql(
      'mutation($u: String!, $e: String!, $p: String!) { register(username: $u, email: $e, password: $p) { userId } }',
      {
        u: bea.username,
        e: bea.email,
        p: bea.password,
      },
    );
    expect(codes(again)).toEqual([]);
  });
});
