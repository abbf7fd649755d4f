// The dashboard of one month ("2026-11"): its summary, two charts, its incomes and expenses, and
// the savings goals, all from one query; every change asks for it again, so they move together.
import { DashboardDocument, type DashboardQuery } from '@ledgerline/web-sdk';
import { useQuery } from '../api/useQuery.js';
import { FormMessage } from '../forms/FormMessage.js';
import { Page } from '../layout/Page.js';
import { magnitude } from '../money.js';
import { firstDayOf, lastDayOf, monthLabel } from './calendarMonth.js';
import { ExpenseList } from './ExpenseList.js';
import { ExpensesByCategoryChart } from './ExpensesByCategoryChart.js';
import { FinancialSummary } from './FinancialSummary.js';
import { IncomeList } from './IncomeList.js';
import { IncomeVsExpensesChart } from './IncomeVsExpensesChart.js';
import { MonthPicker } from './MonthPicker.js';
import { SavingsGoalList } from './SavingsGoalList.js';
import './dashboard.css';

/**
 * Records of each kind asked for at once. The API serves up to 500 a page, but this query asks for
 * three lists, and the router's cost limit (5,000 by default) counts each list at its limit.
 */
const MONTH_RECORD_LIMIT = 300;

type Me = NonNullable<DashboardQuery['me']>;

export function MonthPage({ month }: { month: string }) {
  const dashboard = useQuery(DashboardDocument, { from: firstDayOf(month), to: lastDayOf(month), limit: MONTH_RECORD_LIMIT });
  const refetch = () => void dashboard.refetch();
  // The previous month's answer stays until this month's arrives; it is not shown under this month's title.
  const me = dashboard.data?.me?.financialSummary?.from === firstDayOf(month) ? dashboard.data.me : null;

  return (
    <Page title={monthLabel(month)} actions={<MonthPicker key={month} month={month} />}>
      {dashboard.error && (
        <div className="dashboard-error">
          <FormMessage message={dashboard.error} />
          <button type="button" className="secondary" onClick={refetch} disabled={dashboard.loading}>
            Try again
          </button>
        </div>
      )}
      {me ? (
        <MonthDashboard month={month} me={me} onChanged={refetch} />
      ) : (
        dashboard.loading && <p role="status">Loading {monthLabel(month)}…</p>
      )}
    </Page>
  );
}

function MonthDashboard({ month, me, onChanged }: { month: string; me: Me; onChanged: () => void }) {
  const summary = me.financialSummary;
  const incomes = me.incomes ?? [];
  const expenses = me.expenses ?? [];
  const nothingYet = summary !== null && magnitude(summary.totalIncome) === 0 && magnitude(summary.totalExpenses) === 0;
  return (
    <div className="dashboard">
      {summary && <FinancialSummary month={month} summary={summary} />}
      {nothingYet && <EmptyMonth month={month} />}
      {summary && !nothingYet && (
        <div className="dashboard-charts">
          <ExpensesByCategoryChart month={month} categories={summary.expensesByCategory} />
          <IncomeVsExpensesChart month={month} totalIncome={summary.totalIncome} totalExpenses={summary.totalExpenses} net={summary.net} />
        </div>
      )}
      {(incomes.length === MONTH_RECORD_LIMIT || expenses.length === MONTH_RECORD_LIMIT) && (
        <p className="notice">
          {monthLabel(month)} has more than {MONTH_RECORD_LIMIT} incomes or expenses: the lists show the newest {MONTH_RECORD_LIMIT}, while
          the summary and charts count them all.
        </p>
      )}
      <div className="dashboard-records">
        <IncomeList month={month} incomes={incomes} onChanged={onChanged} />
        <ExpenseList month={month} expenses={expenses} onChanged={onChanged} />
      </div>
      <SavingsGoalList goals={me.savingsGoals ?? []} onChanged={onChanged} />
    </div>
  );
}

function EmptyMonth({ month }: { month: string }) {
  return (
    <section className="card empty-month" aria-label="Getting started">
      <p className="empty-month-title">Nothing recorded for {monthLabel(month)} yet.</p>
      <p>
        Add an income or an expense below, and this page fills in: the month’s totals, where the money went by category, and income against
        expenses.
      </p>
    </section>
  );
}
