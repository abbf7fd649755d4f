import { parseRecordId } from '@ledgerline/identity';
import { badInput } from './DomainError.js';

/** Ids are PostgreSQL integers exposed as GraphQL `ID`s; anything else is the caller's mistake. */
export function idArgument(field: string, value: string | number): number {
  const text = String(value);
  const id = parseRecordId(text);
  if (id === null) throw badInput(field, `must be a positive integer id, got "${text.slice(0, 40)}"`);
  return id;
}
