// Every Ledgerline id (users and records alike) is a PostgreSQL `integer` greater than zero.
// Tokens, GraphQL arguments and REST paths carry it as text; this is the one rule that reads it.

export const MAX_RECORD_ID = 2_147_483_647;

const POSITIVE_INTEGER_TEXT = /^[1-9][0-9]{0,9}$/;

/** The id written in `value`, or null when it is not a positive integer that fits the column. */
export function parseRecordId(value: unknown): number | null {
  if (typeof value !== 'string' || !POSITIVE_INTEGER_TEXT.test(value)) return null;
  const id = Number(value);
  return id <= MAX_RECORD_ID ? id : null;
}
