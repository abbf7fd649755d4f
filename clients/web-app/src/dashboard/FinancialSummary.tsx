// The month in four numbers, all from the server's financialSummary (money is never added up here).
import type { DashboardQuery } from '@ledgerline/web-sdk';
import { useId } from 'react';
import { formatMoney } from '../money.js';
import { monthLabel } from './calendarMonth.js';

type Summary = NonNullable<NonNullable<DashboardQuery['me']>['financialSummary']>;

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

export function FinancialSummary({ month, summary }: { month: string; summary: Summary }) {
  const headingId = useId();
  const netTone = summary.net.startsWith('-') ? 'expense' : 'income';
  return (
    <section className="card summary" aria-labelledby={headingId}>
      <h2 id={headingId}>Summary of {monthLabel(month)}</h2>
      <dl className="summary-figures">
        <div>
          <dt>Total income</dt>
          <dd className="income">{formatMoney(summary.totalIncome)}</dd>
        </div>
        <div>
          <dt>Total expenses</dt>
          <dd className="expense">{formatMoney(summary.totalExpenses)}</dd>
        </div>
        <div>
          <dt>Net</dt>
          <dd className={netTone}>{formatMoney(summary.net)}</dd>
        </div>
        <div>
          <dt>Savings rate</dt>
          <dd>{summary.savingsRate === null ? <span className="muted">No income yet</span> : percent.format(summary.savingsRate)}</dd>
        </div>
      </dl>
    </section>
  );
}
