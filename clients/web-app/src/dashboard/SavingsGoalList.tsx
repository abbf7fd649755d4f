// The user's savings goals: amounts to reach by a date. They belong to no month, so every month's
// dashboard shows them all.
import { CreateSavingsGoalDocument, DeleteSavingsGoalDocument, UpdateSavingsGoalDocument, type DashboardQuery } from '@ledgerline/web-sdk';
import { api } from '../api/ledgerline.js';
import { formatMoney } from '../money.js';
import { dayLabel } from './calendarMonth.js';
import { RecordSection, type RecordKind } from './RecordSection.js';

type SavingsGoal = NonNullable<NonNullable<DashboardQuery['me']>['savingsGoals']>[number];

const SAVINGS_GOALS: RecordKind<SavingsGoal, 'goal' | 'targetDate'> = {
  heading: 'Savings goals',
  noun: 'goal',
  addTitle: 'Add a savings goal',
  fields: [
    { name: 'goal', label: 'Goal amount', kind: 'amount' },
    { name: 'targetDate', label: 'Target date', kind: 'date' },
  ],
  columns: [
    { header: 'Target date', cell: (goal) => dayLabel(goal.targetDate) },
    { header: 'Goal amount', cell: (goal) => formatMoney(goal.goal), amount: true },
  ],
  describe: (goal) => `the goal of ${formatMoney(goal.goal)} by ${dayLabel(goal.targetDate)}`,
  valuesOf: ({ goal, targetDate }) => ({ goal, targetDate }),
  add: (values, idempotencyKey) => api.mutate(CreateSavingsGoalDocument, values, { idempotencyKey }),
  update: (goal, values) => api.mutate(UpdateSavingsGoalDocument, { id: goal.id, ...values }),
  remove: (goal) => api.mutate(DeleteSavingsGoalDocument, { id: goal.id }),
};

export function SavingsGoalList({ goals, onChanged }: { goals: readonly SavingsGoal[]; onChanged: () => void }) {
  return (
    <RecordSection
      kind={SAVINGS_GOALS}
      items={goals}
      caption="Savings goals, soonest first"
      empty="No savings goals yet. A goal is an amount to reach by a date."
      newValues={{ goal: '', targetDate: '' }}
      onChanged={onChanged}
    />
  );
}
