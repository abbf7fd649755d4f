// The data layer of the financial summary: sums computed by PostgreSQL in numeric, so they are
// exact however many amounts they add up.
import { datesWithin } from './datesWithin.js';
import type { FinanceDatabase } from './db.js';
import { ZERO, type Money } from './money.js';
import type { Period } from './recordRules.js';

export interface SummaryTotals {
  income: Money;
  expenses: Money;
  expensesByCategory: { category: string; total: Money }[];
}

export async function summaryTotals(db: FinanceDatabase, userId: number, period: Period): Promise<SummaryTotals> {
  const where = { userId, date: datesWithin(period) };
  const [incomes, expenses, byCategory] = await Promise.all([
    db.income.aggregate({ where, _sum: { amount: true } }),
    db.expense.aggregate({ where, _sum: { amount: true } }),
    db.expense.groupBy({ by: ['category'], where, _sum: { amount: true } }),
  ]);
  return {
    income: incomes._sum.amount ?? ZERO,
    expenses: expenses._sum.amount ?? ZERO,
    expensesByCategory: byCategory.map((row) => ({ category: row.category, total: row._sum.amount ?? ZERO })),
  };
}
