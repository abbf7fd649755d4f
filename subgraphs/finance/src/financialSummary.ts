// A user's totals over a period: what came in, what went out, what is left and what share of
// income that is, with expenses by category.
import type { Money } from './money.js';
import { periodFrom, type Period } from './recordRules.js';
import type { SummaryTotals } from './summaryTotals.js';

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

/** How the totals are read: one user's at a time (summaryTotals.ts), or batched over a request (requestReads.ts). */
export type ReadTotals = (userId: number, period: Period) => Promise<SummaryTotals>;

export async function financialSummaryFor(
  readTotals: ReadTotals,
  userId: number,
  args: { from?: unknown; to?: unknown },
): Promise<FinancialSummary> {
  const period = periodFrom(args);
  return { from: period.from ?? null, to: period.to ?? null, ...summarize(await readTotals(userId, period)) };
}

/** Net and savings rate from the totals; categories largest first, then by name. */
export function summarize(totals: SummaryTotals): Omit<FinancialSummary, 'from' | 'to'> {
  const net = totals.income.minus(totals.expenses);
  return {
    totalIncome: totals.income,
    totalExpenses: totals.expenses,
    net,
    savingsRate: totals.income.isZero() ? null : net.dividedBy(totals.income).toDecimalPlaces(SAVINGS_RATE_PLACES).toNumber(),
    expensesByCategory: [...totals.expensesByCategory].sort((a, b) => b.total.comparedTo(a.total) || a.category.localeCompare(b.category)),
  };
}
