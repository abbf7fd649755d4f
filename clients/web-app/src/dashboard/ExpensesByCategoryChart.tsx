// Where the month's money went: one bar per expense category, largest first (the server's order).
import type { DashboardQuery } from '@ledgerline/web-sdk';
import { formatMoney } from '../money.js';
import { monthLabel } from './calendarMonth.js';
import { HorizontalBarChart } from './HorizontalBarChart.js';

type CategoryTotal = NonNullable<NonNullable<DashboardQuery['me']>['financialSummary']>['expensesByCategory'][number];

export function ExpensesByCategoryChart({ month, categories }: { month: string; categories: readonly CategoryTotal[] }) {
  const bars = categories.map(({ category, total }) => ({ label: category, amount: total, tone: 'expense' as const }));
  const summary = `Expenses by category in ${monthLabel(month)}: ${categories
    .map(({ category, total }) => `${category} ${formatMoney(total)}`)
    .join(', ')}`;
  return (
    <figure className="card chart">
      <figcaption>Expenses by category</figcaption>
      {categories.length === 0 ? (
        <p className="empty-state">No expenses in {monthLabel(month)} yet.</p>
      ) : (
        <HorizontalBarChart summary={summary} bars={bars} labelHeader="Category" />
      )}
    </figure>
  );
}
