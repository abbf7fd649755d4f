import { idArgument, requireCaller, type SubgraphContext } from '@ledgerline/service-runtime';
import type { FinanceDatabase, FinanceQueries } from '../db.js';
import { expenses } from '../expenses.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { incomes } from '../incomes.js';
import { writeAsLiveOwner } from '../liveOwnerWrites.js';
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
  const asOwner = <Result>(context: SubgraphContext, write: (tx: FinanceQueries, userId: number) => Promise<Result>) => {
    const caller = requireCaller(context);
    return writeAsLiveOwner(db, tokens, caller, (tx) => write(tx, caller.userId));
  };
  return {
    add: (_: unknown, args: RawFields<Fields>, context: SubgraphContext) =>
      asOwner(context, (tx, userId) => addOwnedRecord(tx, kind, userId, args)),
    update: (_: unknown, { id, ...changes }: { id: string }, context: SubgraphContext) => {
      const recordId = idArgument('id', id);
      return asOwner(context, (tx, userId) => updateOwnedRecord(tx, kind, userId, recordId, changes));
    },
    delete: (_: unknown, args: { id: string }, context: SubgraphContext) => {
      const recordId = idArgument('id', args.id);
      return asOwner(context, (tx, userId) => deleteOwnedRecord(tx, kind, userId, recordId));
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
