// The rules every finance record's input follows, checked before anything is written.
import { badInput } from '@ledgerline/service-runtime';
import { MAX_AMOUNT, ZERO, type Money } from './money.js';

export function positiveAmount(field: string, amount: Money): Money {
  if (amount.lte(ZERO)) throw badInput(field, 'must be greater than 0');
  if (amount.gt(MAX_AMOUNT)) throw badInput(field, `must be at most ${MAX_AMOUNT.toFixed(2)}`);
  return amount;
}

export function requiredText(field: string, value: string, maxLength: number): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badInput(field, 'must not be empty');
  if (trimmed.length > maxLength) throw badInput(field, `must be at most ${maxLength} characters`);
  return trimmed;
}

export interface DateRange {
  from?: Date | null;
  to?: Date | null;
}

export function checkedDateRange(range: DateRange): DateRange {
  if (range.from && range.to && range.from > range.to) throw badInput('from', 'must not be after `to`');
  return range;
}

/** A Prisma `where` for a date column within the range; an empty range matches everything. */
export function dateRangeFilter(range: DateRange): { gte?: Date; lte?: Date } {
  return { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lte: range.to } : {}) };
}

export interface Page {
  limit: number;
  offset: number;
}

const MAX_PAGE_SIZE = 500;
const MAX_OFFSET = 1_000_000;

export function checkedPage(page: { limit?: number | null; offset?: number | null }): Page {
  const limit = page.limit ?? 100;
  const offset = page.offset ?? 0;
  if (limit < 1 || limit > MAX_PAGE_SIZE) throw badInput('limit', `must be between 1 and ${MAX_PAGE_SIZE}`);
  if (offset < 0 || offset > MAX_OFFSET) throw badInput('offset', `must be between 0 and ${MAX_OFFSET}`);
  return { limit, offset };
}
