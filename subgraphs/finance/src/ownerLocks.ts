// Serialises a user's writes with the erasure of that user's records, in PostgreSQL (so across
// every Finance replica): a write holds the owner's lock shared while it checks the caller's token
// and writes; erasure holds it exclusive. An erasure therefore waits for writes already past the
// check, and every write after it finds the token revoked: no row outlives an account deletion.
import type { FinanceQueries } from './db.js';

/** The first key of PostgreSQL's two-key advisory locks, reserved for record owners ("LLOW"). */
const OWNER_LOCK_SPACE = 0x4c4c4f57;

/** Until the end of the transaction `tx` is in, shared with other writers of the user. */
export async function holdOwnerLockShared(tx: FinanceQueries, userId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${OWNER_LOCK_SPACE}::int, ${userId}::int)`;
}

/** Until the end of the transaction `tx` is in, alone: waits for the writes in flight. */
export async function holdOwnerLockExclusive(tx: FinanceQueries, userId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${OWNER_LOCK_SPACE}::int, ${userId}::int)`;
}
