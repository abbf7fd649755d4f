// The rules a finance record's input follows, checked before anything is written. Each field rule
// reads a value as it arrived (GraphQL lets Money and Date through unchecked, see
// resolvers/scalars.ts) and returns it checked, or refuses it with BAD_USER_INPUT naming the field.
import { badInput, plainText } from '@ledgerline/service-runtime';
import { calendarDateFrom } from './calendarDate.js';
import { LARGEST_AMOUNT, moneyFrom, ZERO, type Money } from './money.js';

export type FieldRule<Value> = (field: string, value: unknown) => Value;

export const positiveAmount: FieldRule<Money> = (field, value) => {
  const amount = moneyFrom(value);
  if (amount === null) throw badInput(field, 'must be a decimal number with at most 2 fractional digits, e.g. "12.50"');
  if (amount.lte(ZERO)) throw badInput(field, 'must be greater than 0');
  if (amount.gt(LARGEST_AMOUNT)) throw badInput(field, `must be at most ${LARGEST_AMOUNT.toFixed(2)}`);
  return amount;
};

export const calendarDay: FieldRule<Date> = (field, value) => {
  const date = calendarDateFrom(value);
  if (date === null) throw badInput(field, 'must be a valid ISO 8601 date, e.g. "2026-11-25", between the years 1900 and 2200');
  return date;
};

/** Text of 1 to `maxLength` characters once trimmed, with no control character; stored trimmed. */
export function textOfAtMost(maxLength: number): FieldRule<string> {
  return (field, value) => {
    if (typeof value !== 'string') throw badInput(field, 'must be a string');
    const trimmed = plainText(field, value).trim();
    if (trimmed === '') throw badInput(field, 'must not be empty');
    if (trimmed.length > maxLength) throw badInput(field, `must be at most ${maxLength} characters`);
    return trimmed;
  };
}

export interface Period {
  from: Date | undefined;
  to: Date | undefined;
}

/** An inclusive date range, either end open; `from` may not come after `to`. */
export function periodFrom(args: { from?: unknown; to?: unknown }): Period {
  const from = args.from == null ? undefined : calendarDay('from', args.from);
  const to = args.to == null ? undefined : calendarDay('to', args.to);
  if (from && to && from > to) throw badInput('from', 'must not be after `to`');
  return { from, to };
}

export interface Page {
  limit: number;
  offset: number;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;
const MAX_OFFSET = 1_000_000;

export function pageFrom(page: { limit?: number | null; offset?: number | null }): Page {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  const offset = page.offset ?? 0;
  if (limit < 1 || limit > MAX_PAGE_SIZE) throw badInput('limit', `must be between 1 and ${MAX_PAGE_SIZE}`);
  if (offset < 0 || offset > MAX_OFFSET) throw badInput('offset', `must be between 0 and ${MAX_OFFSET}`);
  return { limit, offset };
}
