// Forgetting a user whose account is being deleted: every income, expense and savings goal, in
// one transaction. Idempotent: a second erasure finds nothing and succeeds. (Why no write of the
// user's can outlive it: liveOwnerWrites.ts.)
import type { FinanceDatabase } from './db.js';
import { deleteAllRowsOf } from './ownedRecordTables.js';

export interface ErasedRecords {
  incomesErased: number;
  expensesErased: number;
  savingsGoalsErased: number;
}

export async function eraseUserRecords(db: FinanceDatabase, userId: number): Promise<ErasedRecords> {
  const erased = await db.$transaction((tx) => deleteAllRowsOf(tx, userId));
  return { incomesErased: erased.income, expensesErased: erased.expense, savingsGoalsErased: erased.savingsGoal };
}
