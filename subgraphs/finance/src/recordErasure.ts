// Forgetting a user whose account is being deleted: every income, expense and savings goal, and
// their place in savings groups (groups/groupErasure.ts), in one transaction. Idempotent: a
// second erasure finds nothing and succeeds. (Why no write of the user's can outlive it:
// liveOwnerWrites.ts.)
import type { FinanceDatabase } from './db.js';
import { eraseFromGroupsInTransaction } from './groups/groupErasure.js';
import { deleteAllRowsOf } from './ownedRecordTables.js';

export interface ErasedRecords {
  incomesErased: number;
  expensesErased: number;
  savingsGoalsErased: number;
  savingsGroupsLeft: number;
  groupContributionsAnonymised: number;
}

export async function eraseUserRecords(db: FinanceDatabase, userId: number): Promise<ErasedRecords> {
  const { owned, groups } = await db.$transaction(async (tx) => ({
    owned: await deleteAllRowsOf(tx, userId),
    groups: await eraseFromGroupsInTransaction(tx, userId),
  }));
  return {
    incomesErased: owned.income,
    expensesErased: owned.expense,
    savingsGoalsErased: owned.savingsGoal,
    savingsGroupsLeft: groups.groupsLeft,
    groupContributionsAnonymised: groups.contributionsAnonymised,
  };
}
