// Money is exact: decimal.js values in memory, numeric(14,2) in PostgreSQL, decimal strings on
// the wire. A binary float never holds an amount.
import { Prisma } from './generated/prisma/client.js';

export type Money = Prisma.Decimal;
export const Money = Prisma.Decimal;

/** The largest amount numeric(14,2) holds: 12 integer digits and 2 fractional ones. */
export const LARGEST_AMOUNT = new Prisma.Decimal('999999999999.99');

// Any number of integer digits: an amount too large is refused by its own rule (LARGEST_AMOUNT),
// with its own message, not as a malformed one.
const DECIMAL_TEXT = /^-?(0|[1-9][0-9]*)(\.[0-9]{1,2})?$/;

/**
 * Reads "12.30", "-4" or 12.3, however large; null when it is not a decimal with at most two
 * fractional digits. A JSON number past a double's range (1e400) arrives as Infinity, and reads
 * as that: a number too large, not a malformed one.
 */
export function moneyFrom(value: unknown): Money | null {
  if (typeof value === 'number') return moneyFromNumber(value);
  if (typeof value !== 'string' || !DECIMAL_TEXT.test(value.trim())) return null;
  return new Prisma.Decimal(value.trim());
}

function moneyFromNumber(value: number): Money | null {
  if (Number.isNaN(value)) return null;
  // A JSON number arrives as the shortest decimal that round-trips, so 0.1 reads as "0.1" exactly
  // (and 1e21 as "1e+21", which Decimal reads exactly too).
  const amount = new Prisma.Decimal(Number.isFinite(value) ? String(value) : value);
  return amount.isFinite() && amount.decimalPlaces() > 2 ? null : amount;
}

export const formatMoney = (amount: Money): string => amount.toFixed(2);

export const ZERO = new Prisma.Decimal(0);
