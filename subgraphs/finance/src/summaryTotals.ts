// The data layer of the financial summary: sums computed by PostgreSQL in numeric, so they are
// exact however many amounts they add up. One statement answers several owners at once: their
// income and their expenses by category (the expense total is the exact sum of those).
import type { FinanceDatabase } from './db.js';
import { ZERO, type Money } from './money.js';
import { financeTypes, periodConditions, tableOf } from './ownedRecordPages.js';
import type { Period } from './recordRules.js';

export interface SummaryTotals {
  income: Money;
  expenses: Money;
  expensesByCategory: { category: string; total: Money }[];
}

/** The income row of an owner has no category; an expense category is never null. */
interface TotalRow {
  userId: number;
  category: string | null;
  total: Money | null;
}

export async function summaryTotalsOf(db: FinanceDatabase, owners: readonly number[], period: Period): Promise<Map<number, SummaryTotals>> {
  const values: unknown[] = [owners];
  const within = (alias: string) =>
    periodConditions(`${alias}.date`, period, values)
      .map((condition) => ` AND ${condition}`)
      .join('');
  const sql = `SELECT owner.id AS "userId", NULL AS category,
      (SELECT sum(i.amount) FROM ${tableOf(db, 'incomes')} i WHERE i.user_id = owner.id${within('i')}) AS total
    FROM unnest($1::int[]) AS owner(id)
    UNION ALL
    SELECT e.user_id, e.category, sum(e.amount) FROM ${tableOf(db, 'expenses')} e
    WHERE e.user_id = ANY($1::int[])${within('e')} GROUP BY e.user_id, e.category`;
  const { rows } = await db.pool.query<TotalRow>({ text: sql, values, types: financeTypes });
  const totals = new Map<number, SummaryTotals>(owners.map((owner) => [owner, { income: ZERO, expenses: ZERO, expensesByCategory: [] }]));
  for (const { userId, category, total } of rows) {
    const owner = totals.get(userId);
    if (owner === undefined) continue;
    if (category === null) {
      owner.income = total ?? ZERO;
    } else {
      owner.expenses = owner.expenses.plus(total ?? ZERO);
      owner.expensesByCategory.push({ category, total: total ?? ZERO });
    }
  }
  return totals;
}

export async function summaryTotals(db: FinanceDatabase, userId: number, period: Period): Promise<SummaryTotals> {
  return (await summaryTotalsOf(db, [userId], period)).get(userId) ?? { income: ZERO, expenses: ZERO, expensesByCategory: [] };
}
