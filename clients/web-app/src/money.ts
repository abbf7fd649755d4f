// Amounts arrive as exact decimal strings ("1250.50"); they are shown from the string, never
// through a binary float, so what the page says is what the database holds.
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "1250.5" → "1,250.50"; anything else is shown as it came. */
export function formatMoney(amount: string): string {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return amount;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** An amount in cents as an exact integer, or null when it is not a decimal of at most two places. */
function cents(amount: string): bigint | null {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (fraction.length > 2) return null;
  const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign === '-' ? -value : value;
}

/** What is left to reach `target` after `total`, never below zero, exactly (as the API's `remaining`); null for a malformed amount. */
export function remainingAmount(target: string, total: string): string | null {
  const [targetCents, totalCents] = [cents(target), cents(total)];
  if (targetCents === null || totalCents === null) return null;
  const left = targetCents > totalCents ? targetCents - totalCents : 0n;
  return `${left / 100n}.${String(left % 100n).padStart(2, '0')}`;
}

/** For sizing bars only: how large an amount is next to another, where float precision is plenty. */
export function magnitude(amount: string): number {
  const value = Number(amount);
  return Number.isFinite(value) ? Math.abs(value) : 0;
}
