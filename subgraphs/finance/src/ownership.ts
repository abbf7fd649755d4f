import { DomainError } from '@ledgerline/service-runtime';

/** A record's owner, as far as the ownership rules need to know. */
interface Owned {
  userId: number;
}

/**
 * Changes a record only if the caller owns it, in one statement: `change` must filter on both
 * id and userId, so ownership cannot change between a check and the write. When nothing
 * matched, the caller learns why: NOT_FOUND for an unknown id, FORBIDDEN for somebody else's
 * record (the REST contract's 404 and 403).
 */
export async function changeOwnRecord<Row>(
  kind: string,
  userId: number,
  change: () => Promise<Row>,
  findOwner: () => Promise<Owned | null>,
): Promise<Row> {
  try {
    return await change();
  } catch (error) {
    if (!isNoRecordMatched(error)) throw error;
    const owner = await findOwner();
    if (owner === null) throw new DomainError('NOT_FOUND', `No ${kind} with this id`);
    if (owner.userId !== userId) throw new DomainError('FORBIDDEN', `This ${kind} belongs to another user`);
    throw error;
  }
}

/** Prisma's "record to update or delete does not exist". */
function isNoRecordMatched(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2025';
}

/** Finance fields of a User are visible to that user only. */
export function assertSelf(callerId: number, userId: number): void {
  if (callerId !== userId) throw new DomainError('FORBIDDEN', "You may only read your own finance records");
}
