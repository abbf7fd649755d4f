import { idArgument, requireUser, type SubgraphContext } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from '../db.js';
import { expenses } from '../expenses.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { incomes } from '../incomes.js';
import { addOwnedRecord, deleteOwnedRecord, updateOwnedRecord, type OwnedRecordKind, type RawFields } from '../ownedRecords.js';
import type { OwnedTableName } from '../ownedRecordTables.js';
import { savingsGoals } from '../savingsGoals.js';

/** The add, update and delete mutations of one kind of owned record; the arguments are its fields (and `id`). */
function ownedRecordMutations<Table extends OwnedTableName, Fields extends object>(
  db: FinanceDatabase,
  kind: OwnedRecordKind<Table, Fields>,
) {
  return {
    add: (_: unknown, args: RawFields<Fields>, context: SubgraphContext) => addOwnedRecord(db, kind, requireUser(context), args),
    update: (_: unknown, { id, ...changes }: { id: string }, context: SubgraphContext) =>
      updateOwnedRecord(db, kind, requireUser(context), idArgument('id', id), changes),
    delete: (_: unknown, args: { id: string }, context: SubgraphContext) =>
      deleteOwnedRecord(db, kind, requireUser(context), idArgument('id', args.id)),
  };
}

export function mutationResolvers(db: FinanceDatabase): MutationResolvers {
  const income = ownedRecordMutations(db, incomes);
  const expense = ownedRecordMutations(db, expenses);
  const goal = ownedRecordMutations(db, savingsGoals);
  return {
    addIncome: income.add,
    updateIncome: income.update,
    deleteIncome: income.delete,
    addExpense: expense.add,
    updateExpense: expense.update,
    deleteExpense: expense.delete,
    createSavingsGoal: goal.add,
    updateSavingsGoal: goal.update,
    deleteSavingsGoal: goal.delete,
  };
}
