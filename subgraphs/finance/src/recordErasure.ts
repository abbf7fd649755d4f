// Forgetting a user whose account is being deleted: every income, expense and savings goal, their
// place in savings groups (groups/groupErasure.ts) and the answers kept for their idempotency
// keys, in one transaction. Idempotent: a
// second erasure finds nothing and succeeds. (Why no write of the user's can outlive it:
// liveOwnerWrites.ts.)
import type { Deadline } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from './db.js';
import { eraseFromGroupsInTransaction } from './groups/groupErasure.js';
import { deleteAllRowsOf } from './ownedRecordTables.js';
import { transactionWithinDeadline } from './transactionWithinDeadline.js';

export interface ErasedRecords {
  incomesErased: number;
  expensesErased: number;
  savingsGoalsErased: number;
  savingsGroupsLeft: number;
  groupContributionsAnonymised: number;
}

/** Past the caller's deadline nothing is committed: the caller retries, and a retry erases what is left. */
export async function eraseUserRecords(db: FinanceDatabase, userId: number, deadline: Deadline = null): Promise<ErasedRecords> {
  const { owned, groups } = await transactionWithinDeadline(db, deadline, async (tx) => {
    await tx.idempotentWrite.deleteMany({ where: { userId } });
    return { owned: await deleteAllRowsOf(tx, userId), groups: await eraseFromGroupsInTransaction(tx, userId) };
  });
  return {
    incomesErased: owned.income,
    expensesErased: owned.expense,
    savingsGoalsErased: owned.savingsGoal,
    savingsGroupsLeft: groups.groupsLeft,
    groupContributionsAnonymised: groups.contributionsAnonymised,
  };
}
