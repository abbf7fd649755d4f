// The data layer of the financial summary: sums computed by PostgreSQL in numeric, so they are
// exact however many amounts they add up. One read answers several owners at once: their income
// and their expenses by category (the expense total is the exact sum of those), as a part of the
// one statement of a request (readStatement.ts).
import type { FinanceDatabase } from './db.js';
import { ZERO, type Money } from './money.js';
import { periodConditions, readColumns, readInOneStatement, tableOf, type ReadPart } from './readStatement.js';
import type { Period } from './recordRules.js';

export interface SummaryTotals {
  income: Money;
  expenses: Money;
  expensesByCategory: { category: string; total: Money }[];
}

const nothingYet = (): SummaryTotals => ({ income: ZERO, expenses: ZERO, expensesByCategory: [] });

/** Each owner's totals over the period. An owner's income row has no label; an expense category is never null. */
export function totalsPart(owners: readonly number[], period: Period): ReadPart<Map<number, SummaryTotals>> {
  return {
    select(db, part, values) {
      const owned = `$${values.push(owners)}::int[]`;
      const within = (alias: string) => periodConditions(`${alias}.date`, period, values).map((condition) => ` AND ${condition}`);
      const income = `(SELECT sum(i.amount) FROM ${tableOf(db, 'incomes')} i WHERE i.user_id = owner.id${within('i').join('')})`;
      return `SELECT ${readColumns(part, { userId: 'owner.id', amount: income })} FROM unnest(${owned}) AS owner(id)
        UNION ALL
        SELECT ${readColumns(part, { userId: 'e.user_id', amount: 'sum(e.amount)', label: 'e.category' })} FROM ${tableOf(db, 'expenses')} e
        WHERE e.user_id = ANY(${owned})${within('e').join('')} GROUP BY e.user_id, e.category`;
    },
    answer(rows) {
      const totals = new Map<number, SummaryTotals>(owners.map((owner) => [owner, nothingYet()]));
      for (const { userId, label, amount } of rows) {
        const owner = totals.get(userId);
        if (owner === undefined) continue;
        if (label === null) {
          owner.income = amount ?? ZERO;
        } else {
          owner.expenses = owner.expenses.plus(amount ?? ZERO);
          owner.expensesByCategory.push({ category: label, total: amount ?? ZERO });
        }
      }
      return totals;
    },
  };
}

/** One owner's totals, in a statement of their own. */
export async function summaryTotals(db: FinanceDatabase, userId: number, period: Period): Promise<SummaryTotals> {
  const [totals] = await readInOneStatement(db, [totalsPart([userId], period)]);
  return totals?.get(userId) ?? nothingYet();
}
