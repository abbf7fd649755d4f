import { DomainError } from '@ledgerline/service-runtime';

/**
 * A record exists and belongs to the caller, or the caller learns which of the two failed:
 * NOT_FOUND for an unknown id, FORBIDDEN for somebody else's record (the REST contract's 404/403).
 */
export function assertOwnedBy<Row extends { userId: number }>(
  row: Row | null,
  userId: number,
  kind: string,
): Row {
  if (row === null) throw new DomainError('NOT_FOUND', `No ${kind} with this id`);
  if (row.userId !== userId) throw new DomainError('FORBIDDEN', `This ${kind} belongs to another user`);
  return row;
}

/** Finance fields of a User are visible to that user only. */
export function assertSelf(callerId: number, userId: number): void {
  if (callerId !== userId) throw new DomainError('FORBIDDEN', "You may only read your own finance records");
}
