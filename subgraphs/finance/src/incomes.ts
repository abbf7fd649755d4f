// Money the user received: an amount, where it came from, and when.
import type { Money } from './money.js';
import type { OwnedRecordKind } from './ownedRecords.js';
import { calendarDay, positiveAmount, textOfAtMost } from './recordRules.js';

export const incomes: OwnedRecordKind<'income', { amount: Money; source: string; date: Date }> = {
  recordName: 'income',
  table: 'income',
  dateColumn: 'date',
  order: 'desc',
  fields: { amount: positiveAmount, source: textOfAtMost(200), date: calendarDay },
};
