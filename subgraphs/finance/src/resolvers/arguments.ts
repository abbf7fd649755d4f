// Reads the Money and Date arguments the scalars let through, with errors that name the argument.
import { badInput } from '@ledgerline/service-runtime';
import { calendarDateFrom } from '../calendarDate.js';
import { moneyFrom, type Money } from '../money.js';

export function moneyArgument(field: string, value: unknown): Money {
  const money = moneyFrom(value);
  if (money === null) throw badInput(field, 'must be a decimal number with at most 2 fractional digits, e.g. "12.50"');
  return money;
}

export function dateArgument(field: string, value: unknown): Date {
  const date = calendarDateFrom(value);
  if (date === null) throw badInput(field, 'must be a valid ISO 8601 date, e.g. "2026-11-25", between the years 1900 and 2200');
  return date;
}

export const optionalMoneyArgument = (field: string, value: unknown): Money | undefined =>
  value == null ? undefined : moneyArgument(field, value);

export const optionalDateArgument = (field: string, value: unknown): Date | undefined =>
  value == null ? undefined : dateArgument(field, value);
