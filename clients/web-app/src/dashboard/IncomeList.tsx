// The month's incomes: amount, source and date.
import { AddIncomeDocument, DeleteIncomeDocument, UpdateIncomeDocument, type DashboardQuery } from '@ledgerline/web-sdk';
import { api } from '../api/ledgerline.js';
import { formatMoney } from '../money.js';
import { dayInMonthLabel, dayLabel, defaultDayIn, monthLabel } from './calendarMonth.js';
import { RecordSection, type RecordKind } from './RecordSection.js';

type Income = NonNullable<NonNullable<DashboardQuery['me']>['incomes']>[number];

const INCOMES: RecordKind<Income, 'amount' | 'source' | 'date'> = {
  heading: 'Incomes',
  noun: 'income',
  addTitle: 'Add an income',
  fields: [
    { name: 'amount', label: 'Amount', kind: 'amount' },
    { name: 'source', label: 'Source', kind: 'text' },
    { name: 'date', label: 'Date', kind: 'date' },
  ],
  columns: [
    { header: 'Date', cell: (income) => dayInMonthLabel(income.date) },
    { header: 'Source', cell: (income) => income.source },
    { header: 'Amount', cell: (income) => formatMoney(income.amount), amount: true },
  ],
  describe: (income) => `${income.source}, ${formatMoney(income.amount)} on ${dayLabel(income.date)}`,
  valuesOf: ({ amount, source, date }) => ({ amount, source, date }),
  add: (values, idempotencyKey) => api.mutate(AddIncomeDocument, values, { idempotencyKey }),
  update: (income, values) => api.mutate(UpdateIncomeDocument, { id: income.id, ...values }),
  remove: (income) => api.mutate(DeleteIncomeDocument, { id: income.id }),
};

export function IncomeList({ month, incomes, onChanged }: { month: string; incomes: readonly Income[]; onChanged: () => void }) {
  return (
    <RecordSection
      key={month}
      kind={INCOMES}
      items={incomes}
      caption={`Incomes in ${monthLabel(month)}`}
      empty={`No incomes in ${monthLabel(month)} yet.`}
      newValues={{ amount: '', source: '', date: defaultDayIn(month) }}
      onChanged={onChanged}
    />
  );
}
