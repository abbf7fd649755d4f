// Every change to a user's records runs here: in one transaction that holds the owner's lock
// (ownerLocks.ts), asks the User service afresh whether the caller's token is live, then writes.
import type { Caller } from '@ledgerline/identity';
import type { FinanceDatabase, FinanceQueries } from './db.js';
import { holdOwnerLockShared } from './ownerLocks.js';
import type { TokenChecks } from './tokenChecks.js';

/** Room for the token check's deadline and the write itself. */
const WRITE_TRANSACTION_TIMEOUT_MS = 10_000;

export function writeAsLiveOwner<Result>(
  db: FinanceDatabase,
  tokens: TokenChecks,
  caller: Caller,
  write: (tx: FinanceQueries) => Promise<Result>,
): Promise<Result> {
  return db.$transaction(
    async (tx) => {
      await holdOwnerLockShared(tx, caller.userId);
      await tokens.assertLive(caller, 'fresh');
      return write(tx);
    },
    { timeout: WRITE_TRANSACTION_TIMEOUT_MS },
  );
}
