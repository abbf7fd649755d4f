// Totals over a user's incomes and expenses, summed by PostgreSQL in numeric, so they are exact.
import type { FinanceDatabase } from './db.js';
import { Money, ZERO } from './money.js';
import { checkedDateRange, dateRangeFilter, type DateRange } from './recordRules.js';

export interface FinancialSummary {
  from: Date | null;
  to: Date | null;
  totalIncome: Money;
  totalExpenses: Money;
  net: Money;
  savingsRate: number | null;
  expensesByCategory: { category: string; total: Money }[];
}

const SAVINGS_RATE_PLACES = 4;

export async function financialSummaryFor(
  db: FinanceDatabase,
  userId: number,
  period: DateRange,
): Promise<FinancialSummary> {
  const where = { userId, date: dateRangeFilter(checkedDateRange(period)) };
  const [incomes, expenses, byCategory] = await Promise.all([
    db.income.aggregate({ where, _sum: { amount: true } }),
    db.expense.aggregate({ where, _sum: { amount: true } }),
    db.expense.groupBy({ by: ['category'], where, _sum: { amount: true } }),
  ]);
  const totalIncome = incomes._sum.amount ?? ZERO;
  const totalExpenses = expenses._sum.amount ?? ZERO;
  const net = totalIncome.minus(totalExpenses);
  return {
    from: period.from ?? null,
    to: period.to ?? null,
    totalIncome,
    totalExpenses,
    net,
    savingsRate: totalIncome.isZero() ? null : net.dividedBy(totalIncome).toDecimalPlaces(SAVINGS_RATE_PLACES).toNumber(),
    expensesByCategory: byCategory
      .map((row) => ({ category: row.category, total: row._sum.amount ?? ZERO }))
      .sort((a, b) => b.total.comparedTo(a.total) || a.category.localeCompare(b.category)),
  };
}
