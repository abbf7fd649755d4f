// Money the user spent: an amount, what it was spent on, and when.
import type { Money } from './money.js';
import type { OwnedRecordKind } from './ownedRecords.js';
import { calendarDay, positiveAmount, textOfAtMost } from './recordRules.js';

export const expenses: OwnedRecordKind<'expense', { amount: Money; category: string; date: Date }> = {
  recordName: 'expense',
  table: 'expense',
  dateColumn: 'date',
  order: 'desc',
  fields: { amount: positiveAmount, category: textOfAtMost(100), date: calendarDay },
};
