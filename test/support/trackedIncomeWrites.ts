// Incomes added through the router under a fault, each remembered with what the router answered,
// and then looked for in the Finance database: an acknowledged write must be there as sent.
import { randomBytes } from 'node:crypto';
import type { FinanceDatabase } from '../../subgraphs/finance/src/db.js';
import { sendThrough, succeeded, type RequestOutcome } from './requestOutcomes.js';
import type { RouterAt } from './routerAt.js';
import type { Member } from './savingsGroupsThroughRouter.js';

const ADD_INCOME = 'mutation($amount: Money!, $source: String!) { addIncome(amount: $amount, source: $source, date: "2026-11-01") { id } }';

export interface IncomeWrite {
  ownerId: string;
  amount: string;
  /** Unique to this write, so it can be found in the database whether or not it was acknowledged. */
  source: string;
  sentAt: number;
  answeredAt: number;
  outcome: RequestOutcome;
  /** The id the router answered with, when the write was acknowledged: HTTP 200, an id, no errors. */
  acknowledgedId: string | null;
}

/** The amount of a caller's `n`th write, as money text: different from its neighbours' so a mix-up shows. */
export const amountOfWrite = (n: number): string => `${1 + Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

export async function addIncomeThrough(router: RouterAt, member: Member, amount: string): Promise<IncomeWrite> {
  const source = `fault-write-${randomBytes(6).toString('hex')}`;
  const sentAt = Date.now();
  const outcome = await sendThrough(router, { query: ADD_INCOME, variables: { amount, source } }, member.token);
  const answeredAt = Date.now();
  const id = outcome.answered ? (outcome.answer.data?.['addIncome'] as { id?: unknown } | null | undefined)?.id : undefined;
  const acknowledgedId = succeeded(outcome) && typeof id === 'string' ? id : null;
  return { ownerId: member.userId, amount, source, sentAt, answeredAt, outcome, acknowledgedId };
}

async function storedBySource(finance: FinanceDatabase, writes: IncomeWrite[]) {
  const rows = await finance.income.findMany({ where: { source: { in: writes.map((write) => write.source) } } });
  return new Map(rows.map((row) => [row.source, row]));
}

/** The acknowledged writes that are not in the database with the id, owner and amount they were acknowledged with. */
export async function acknowledgedWritesMissing(finance: FinanceDatabase, writes: IncomeWrite[]): Promise<IncomeWrite[]> {
  const acknowledged = writes.filter((write) => write.acknowledgedId !== null);
  const stored = await storedBySource(finance, acknowledged);
  return acknowledged.filter((write) => {
    const row = stored.get(write.source);
    return (
      row === undefined ||
      String(row.id) !== write.acknowledgedId ||
      String(row.userId) !== write.ownerId ||
      row.amount.toFixed(2) !== write.amount
    );
  });
}

/** The writes not acknowledged that were stored all the same (the commit happened, its answer was lost). */
export async function unacknowledgedWritesStored(finance: FinanceDatabase, writes: IncomeWrite[]): Promise<IncomeWrite[]> {
  const unacknowledged = writes.filter((write) => write.acknowledgedId === null);
  const stored = await storedBySource(finance, unacknowledged);
  return unacknowledged.filter((write) => stored.has(write.source));
}
