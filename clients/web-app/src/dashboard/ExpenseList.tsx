// The month's expenses: amount, category and date. Category suggests the categories already in
// use and a few common ones.
import { AddExpenseDocument, DeleteExpenseDocument, UpdateExpenseDocument, type DashboardQuery } from '@ledgerline/web-sdk';
import { api } from '../api/ledgerline.js';
import { formatMoney } from '../money.js';
import { dayInMonthLabel, dayLabel, defaultDayIn, monthLabel } from './calendarMonth.js';
import { RecordSection, type RecordKind } from './RecordSection.js';

type Expense = NonNullable<NonNullable<DashboardQuery['me']>['expenses']>[number];

const COMMON_CATEGORIES = ['Rent', 'Groceries', 'Transport', 'Utilities', 'Eating out', 'Health', 'Entertainment'];
const CATEGORIES_LIST_ID = 'expense-categories';

const EXPENSES: RecordKind<Expense, 'amount' | 'category' | 'date'> = {
  heading: 'Expenses',
  noun: 'expense',
  addTitle: 'Add an expense',
  fields: [
    { name: 'amount', label: 'Amount', kind: 'amount' },
    { name: 'category', label: 'Category', kind: 'text', suggestions: CATEGORIES_LIST_ID },
    { name: 'date', label: 'Date', kind: 'date' },
  ],
  columns: [
    { header: 'Date', cell: (expense) => dayInMonthLabel(expense.date) },
    { header: 'Category', cell: (expense) => expense.category },
    { header: 'Amount', cell: (expense) => formatMoney(expense.amount), amount: true },
  ],
  describe: (expense) => `${expense.category}, ${formatMoney(expense.amount)} on ${dayLabel(expense.date)}`,
  valuesOf: ({ amount, category, date }) => ({ amount, category, date }),
  add: (values, idempotencyKey) => api.mutate(AddExpenseDocument, values, { idempotencyKey }),
  update: (expense, values) => api.mutate(UpdateExpenseDocument, { id: expense.id, ...values }),
  remove: (expense) => api.mutate(DeleteExpenseDocument, { id: expense.id }),
};

export function ExpenseList({ month, expenses, onChanged }: { month: string; expenses: readonly Expense[]; onChanged: () => void }) {
  const categories = [...new Set([...expenses.map((expense) => expense.category), ...COMMON_CATEGORIES])];
  return (
    <RecordSection
      key={month}
      kind={EXPENSES}
      items={expenses}
      caption={`Expenses in ${monthLabel(month)}`}
      empty={`No expenses in ${monthLabel(month)} yet.`}
      newValues={{ amount: '', category: '', date: defaultDayIn(month) }}
      onChanged={onChanged}
    >
      <datalist id={CATEGORIES_LIST_ID}>
        {categories.map((category) => (
          <option key={category} value={category} />
        ))}
      </datalist>
    </RecordSection>
  );
}
