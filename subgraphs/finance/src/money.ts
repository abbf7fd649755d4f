// Money is exact: decimal.js values in memory, numeric(14,2) in PostgreSQL, decimal strings on
// the wire. A binary float never holds an amount.
import { Prisma } from './generated/prisma/client.js';

export type Money = Prisma.Decimal;
export const Money = Prisma.Decimal;

// At most 12 integer digits: numeric(14,2) holds up to 999999999999.99.
const DECIMAL_TEXT = /^-?(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/;

/** Reads "12.30", "-4" or 12.3; null when it is not a decimal with at most two fractional digits. */
export function moneyFrom(value: unknown): Money | null {
  // A JSON number arrives as the shortest decimal that round-trips, so 0.1 reads as "0.1" exactly.
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL_TEXT.test(text.trim())) return null;
  return new Prisma.Decimal(text.trim());
}

export const formatMoney = (amount: Money): string => amount.toFixed(2);

export const ZERO = new Prisma.Decimal(0);
