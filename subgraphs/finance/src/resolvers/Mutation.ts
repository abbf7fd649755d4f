import { idArgument, requireCaller, type SubgraphContext } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from '../db.js';
import { expenses } from '../expenses.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { incomes } from '../incomes.js';
import { addAsLiveOwner, changeAsLiveOwner } from '../liveOwnerWrites.js';
import { addOwnedRecord, deleteOwnedRecord, updateOwnedRecord, type OwnedRecordKind, type RawFields } from '../ownedRecords.js';
import type { OwnedTableName } from '../ownedRecordTables.js';
import { savingsGoals } from '../savingsGoals.js';
import type { TokenChecks } from '../tokenChecks.js';

/**
 * The add, update and delete mutations of one kind of owned record; the arguments are its fields
 * (and `id`). Each runs as the caller, once the User service has said afresh that their token is live.
 */
function ownedRecordMutations<Table extends OwnedTableName, Fields extends object>(
  db: FinanceDatabase,
  tokens: TokenChecks,
  kind: OwnedRecordKind<Table, Fields>,
) {
  return {
    add: (_: unknown, args: RawFields<Fields>, context: SubgraphContext) => {
      const caller = requireCaller(context);
      return addAsLiveOwner(
        tokens,
        caller,
        () => addOwnedRecord(db, kind, caller.userId, args),
        (row) => deleteOwnedRecord(db, kind, caller.userId, row.id),
      );
    },
    update: (_: unknown, { id, ...changes }: { id: string }, context: SubgraphContext) => {
      const caller = requireCaller(context);
      const recordId = idArgument('id', id);
      return changeAsLiveOwner(tokens, caller, () => updateOwnedRecord(db, kind, caller.userId, recordId, changes));
    },
    delete: (_: unknown, args: { id: string }, context: SubgraphContext) => {
      const caller = requireCaller(context);
      const recordId = idArgument('id', args.id);
      return changeAsLiveOwner(tokens, caller, () => deleteOwnedRecord(db, kind, caller.userId, recordId));
    },
  };
}

export function mutationResolvers(db: FinanceDatabase, tokens: TokenChecks): MutationResolvers {
  const income = ownedRecordMutations(db, tokens, incomes);
  const expense = ownedRecordMutations(db, tokens, expenses);
  const goal = ownedRecordMutations(db, tokens, savingsGoals);
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
