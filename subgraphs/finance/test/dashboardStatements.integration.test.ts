// The SQL the dashboard's Finance part costs: one statement however many users the gateway names
// in one `_entities` call and however many records they have, never one per entity or per record (N+1).
import { randomUUID } from 'node:crypto';
import { signRouterAssertion, type Caller } from '@ledgerline/identity';
import { DEADLINE_HEADER, type SubgraphContext } from '@ledgerline/service-runtime';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { newAccount } from '../../../test/support/accounts.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../../test/support/subgraphsInProcess.js';
import { newUserId } from '../../../test/support/serviceDatabases.js';
import { expenses } from '../src/expenses.js';
import { incomes } from '../src/incomes.js';
import { addOwnedRecord } from '../src/ownedRecords.js';
import { requestReads } from '../src/requestReads.js';

/** The Finance part of the dashboard query, as the router sends it. */
const DASHBOARD = `query($representations:[_Any!]!){ _entities(representations:$representations){ ... on User {
  incomes(limit:10){ id amount source date } expenses(limit:10){ id amount category date }
  financialSummary{ totalIncome totalExpenses net savingsRate expensesByCategory{ category total } } } } }`;

let subgraphs: InProcessSubgraphs;
let sent: MockInstance;

/** The statements sent to the incomes and expenses tables since the last look (not the relay's polling of its outbox). */
function statementsSent(): string[] {
  const texts = sent.mock.calls.map(([config]: unknown[]) =>
    typeof config === 'string' ? config : ((config as { text?: string }).text ?? ''),
  );
  sent.mockClear();
  return texts.filter((text) => /"(incomes|expenses)"/.test(text));
}

beforeAll(async () => {
  subgraphs = await startSubgraphsInProcess();
  // A spy calls through: every client of this process, Prisma's and the raw reads', is counted.
  sent = vi.spyOn(pg.Client.prototype, 'query');
});

afterAll(async () => {
  sent.mockRestore();
  await subgraphs.stop();
});

async function callerWithRecords(count: number): Promise<Caller> {
  const account = await newAccount();
  for (let index = 0; index < count; index++) {
    const date = `2026-10-${String((index % 28) + 1).padStart(2, '0')}`;
    await addOwnedRecord(subgraphs.databases.finance, incomes, account.id, { amount: '100.10', source: 'Salary', date });
    await addOwnedRecord(subgraphs.databases.finance, expenses, account.id, { amount: '20.05', category: `C${index % 3}`, date });
  }
  return { userId: account.id, accountKey: account.accountKey, sessionId: randomUUID() };
}

interface DashboardEntity {
  incomes: unknown[];
  expenses: unknown[];
  financialSummary: { totalIncome: string; totalExpenses: string };
}

async function dashboard(caller: Caller, userIds: number[]) {
  const response = await fetch(subgraphs.financeUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-ledgerline-router-assertion': signRouterAssertion({ caller, requestId: randomUUID() }, subgraphs.secrets.routerSigningSecret),
      [DEADLINE_HEADER]: '10000',
    },
    body: JSON.stringify({
      query: DASHBOARD,
      variables: { representations: userIds.map((id) => ({ __typename: 'User', id: String(id) })) },
    }),
  });
  const body = (await response.json()) as { data: { _entities: (DashboardEntity | null)[] }; errors?: { extensions: { code: string } }[] };
  return { entities: body.data._entities, errors: body.errors ?? [], statements: statementsSent() };
}

describe('the dashboard query’s Finance part', () => {
  it('reads a user’s lists and summary in one statement, however many records they hold', async () => {
    const few = await callerWithRecords(2);
    const many = await callerWithRecords(25);
    await dashboard(few, [few.userId]); // the token check answer is cached from here on

    const small = await dashboard(few, [few.userId]);
    const large = await dashboard(many, [many.userId]);
    expect(small.statements).toHaveLength(1);
    expect(large.statements).toHaveLength(1);
    expect(large.entities[0]).toMatchObject({ financialSummary: { totalIncome: '2502.50', totalExpenses: '501.25' } });
    expect(large.entities[0]?.incomes).toHaveLength(10);
  });

  it('reads several entities of one `_entities` call in the statements of one', async () => {
    const caller = await callerWithRecords(3);
    await dashboard(caller, [caller.userId]);

    const once = await dashboard(caller, [caller.userId]);
    const thrice = await dashboard(caller, [caller.userId, caller.userId, caller.userId]);
    expect(thrice.statements).toHaveLength(once.statements.length);
    expect(thrice.entities).toEqual([once.entities[0], once.entities[0], once.entities[0]]);
  });

  it('refuses another user’s records in the same call without reading them, and still answers the caller’s', async () => {
    const caller = await callerWithRecords(3);
    await dashboard(caller, [caller.userId]);

    const mixed = await dashboard(caller, [caller.userId, newUserId()]);
    expect(mixed.entities[0]?.incomes).toHaveLength(3);
    expect(mixed.entities[1]).toEqual({ incomes: null, expenses: null, financialSummary: null });
    expect(mixed.errors.map((error) => error.extensions.code)).toContain('FORBIDDEN');
    expect(mixed.statements).toHaveLength(1);
  });

  it('reads the lists and summaries of several users asked for at once in one statement', async () => {
    const callers = [await callerWithRecords(1), await callerWithRecords(2), await callerWithRecords(4)];
    const reads = requestReads(subgraphs.databases.finance, {} as SubgraphContext);
    const period = { from: undefined, to: undefined };
    statementsSent();

    const answers = await Promise.all(
      callers.map(async ({ userId }) => {
        const [incomePage, expensePage, totals] = await Promise.all([
          reads.records(incomes, userId, { limit: 10 }),
          reads.records(expenses, userId, { limit: 10 }),
          reads.totals(userId, period),
        ]);
        return { incomes: incomePage, expenses: expensePage, totals };
      }),
    );
    expect(statementsSent()).toHaveLength(1);
    expect(answers.map((answer) => answer.incomes.length)).toEqual([1, 2, 4]);
    expect(answers.map((answer) => answer.totals.income.toFixed(2))).toEqual(['100.10', '200.20', '400.40']);
    expect(answers.flatMap((answer, index) => answer.expenses.map((expense) => expense.userId === callers[index]?.userId))).not.toContain(
      false,
    );
  });
});
