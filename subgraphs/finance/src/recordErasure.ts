// Forgetting a user whose account is being deleted: every income, expense and savings goal, in
// one transaction that first waits for the user's writes in flight (ownerLocks.ts). Idempotent:
// a second erasure finds nothing and succeeds.
import type { FinanceDatabase } from './db.js';
import { deleteAllRowsOf } from './ownedRecordTables.js';
import { holdOwnerLockExclusive } from './ownerLocks.js';

export interface ErasedRecords {
  incomesErased: number;
  expensesErased: number;
  savingsGoalsErased: number;
}

export function eraseUserRecords(db: FinanceDatabase, userId: number): Promise<ErasedRecords> {
  return db.$transaction(async (tx) => {
    await holdOwnerLockExclusive(tx, userId);
    const erased = await deleteAllRowsOf(tx, userId);
    return { incomesErased: erased.income, expensesErased: erased.expense, savingsGoalsErased: erased.savingsGoal };
  });
}
