// An amount the user wants to have saved by a target date; listed soonest target first.
import type { Money } from './money.js';
import type { OwnedRecordKind } from './ownedRecords.js';
import { calendarDay, positiveAmount } from './recordRules.js';

export const savingsGoals: OwnedRecordKind<'savingsGoal', { goal: Money; targetDate: Date }> = {
  recordName: 'savings goal',
  table: 'savingsGoal',
  dateColumn: 'targetDate',
  order: 'asc',
  fields: { goal: positiveAmount, targetDate: calendarDay },
};
