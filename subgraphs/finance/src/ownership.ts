// Who may see and change finance records: their owner, and nobody else.
import { DomainError } from '@ledgerline/service-runtime';

/** Finance fields of a User are visible to that user only. */
export function assertSelf(callerId: number, userId: number): void {
  if (callerId !== userId) throw new DomainError('FORBIDDEN', 'You may only read your own finance records');
}

/**
 * Why a change filtered on id and owner matched nothing: NOT_FOUND for an unknown id, FORBIDDEN
 * for somebody else's record (the REST contract's 404 and 403).
 */
export function refusedChange(recordName: string, ownerId: number | null, callerId: number): DomainError {
  if (ownerId === null) return new DomainError('NOT_FOUND', `No ${recordName} with this id`);
  if (ownerId !== callerId) return new DomainError('FORBIDDEN', `This ${recordName} belongs to another user`);
  // The owner's own record matched nothing: it went between the change and this look-up.
  return new DomainError('NOT_FOUND', `No ${recordName} with this id`);
}
