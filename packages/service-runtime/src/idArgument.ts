import { badInput } from './DomainError.js';

const MAX_INT4 = 2_147_483_647;

/** Ids are PostgreSQL integers exposed as GraphQL `ID`s; anything else is the caller's mistake. */
export function idArgument(field: string, value: string | number): number {
  const text = String(value);
  const id = /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : NaN;
  if (!(id <= MAX_INT4)) throw badInput(field, `must be a positive integer id, got "${text.slice(0, 40)}"`);
  return id;
}
