import { idArgument, requireCaller, requireUser, type SubgraphContext } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from '../db.js';
import { expenses } from '../expenses.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { incomes } from '../incomes.js';
import { insertAsLiveOwner } from '../liveOwnerWrites.js';
import { addOwnedRecord, deleteOwnedRecord, updateOwnedRecord, type OwnedRecordKind, type RawFields } from '../ownedRecords.js';
import type { OwnedTableName } from '../ownedRecordTables.js';
import { savingsGoals } from '../savingsGoals.js';
import type { TokenChecks } from '@ledgerline/service-runtime';
import type { EventAnnouncer } from '../groups/outboxRelay.js';
import { savingsGroupMutations } from './savingsGroupMutations.js';

/**
 * The add, update and delete mutations of one kind of owned record; the arguments are its fields
 * (and `id`). Each runs as the caller, whose token the User service has just said is live (the
 * subgraph's admission asks afresh before every mutation); an insert asks once more after it.
 */
function ownedRecordMutations<Table extends OwnedTableName, Fields extends object>(
  db: FinanceDatabase,
  tokens: TokenChecks,
  kind: OwnedRecordKind<Table, Fields>,
) {
  return {
    add: (_: unknown, args: RawFields<Fields>, context: SubgraphContext) => {
      const caller = requireCaller(context);
      return insertAsLiveOwner(
        tokens,
        caller,
        () => addOwnedRecord(db, kind, caller.userId, args),
        (row) => deleteOwnedRecord(db, kind, caller.userId, row.id),
      );
    },
    update: (_: unknown, { id, ...changes }: { id: string }, context: SubgraphContext) =>
      updateOwnedRecord(db, kind, requireUser(context), idArgument('id', id), changes),
    delete: (_: unknown, args: { id: string }, context: SubgraphContext) =>
      deleteOwnedRecord(db, kind, requireUser(context), idArgument('id', args.id)),
  };
}

export function mutationResolvers(db: FinanceDatabase, tokens: TokenChecks, relay: EventAnnouncer): MutationResolvers {
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
    ...savingsGroupMutations(db, tokens, relay),
  };
}
