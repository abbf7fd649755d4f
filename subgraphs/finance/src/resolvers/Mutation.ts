import { idArgument, requireCaller, requireUser, type SubgraphContext } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from '../db.js';
import { expenses } from '../expenses.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { forgetKeyIn, type RunWrite } from '../idempotentWrites.js';
import { incomes } from '../incomes.js';
import { insertAsLiveOwner } from '../liveOwnerWrites.js';
import { addOwnedRecord, deleteOwnedRecord, updateOwnedRecord, type OwnedRecordKind, type RawFields } from '../ownedRecords.js';
import type { OwnedTableName } from '../ownedRecordTables.js';
import { savingsGoals } from '../savingsGoals.js';
import type { TokenChecks } from '@ledgerline/service-runtime';
import type { EventAnnouncer } from '../groups/outboxRelay.js';
import { savingsGroupMutations } from './savingsGroupMutations.js';

/** What the mutations need: the database, the User service's token checks, the way every write runs, the outbox relay. */
export interface MutationDependencies {
  db: FinanceDatabase;
  tokens: TokenChecks;
  runWrite: RunWrite;
  relay: EventAnnouncer;
}

/**
 * The add, update and delete mutations of one kind of owned record; the arguments are its fields
 * (and `id`). Each runs as the caller, whose token the User service has just said is live (the
 * subgraph's admission asks afresh before every mutation); an insert asks once more after it.
 */
function ownedRecordMutations<Table extends OwnedTableName, Fields extends object>(
  { db, tokens, runWrite }: MutationDependencies,
  kind: OwnedRecordKind<Table, Fields>,
  names: { add: string; update: string; delete: string },
) {
  return {
    add: (_: unknown, args: RawFields<Fields>, context: SubgraphContext) => {
      const caller = requireCaller(context);
      return insertAsLiveOwner(
        tokens,
        caller,
        () => runWrite(context, { mutation: names.add, args }, (tx) => addOwnedRecord(tx, kind, caller.userId, args)),
        (row) =>
          db.$transaction(async (tx) => {
            await deleteOwnedRecord(tx, kind, caller.userId, row.id);
            await forgetKeyIn(tx, context);
          }),
      );
    },
    update: (_: unknown, args: { id: string }, context: SubgraphContext) => {
      const { id, ...changes } = args;
      const userId = requireUser(context);
      return runWrite(context, { mutation: names.update, args }, (tx) =>
        updateOwnedRecord(tx, kind, userId, idArgument('id', id), changes),
      );
    },
    delete: (_: unknown, args: { id: string }, context: SubgraphContext) => {
      const userId = requireUser(context);
      return runWrite(context, { mutation: names.delete, args }, (tx) => deleteOwnedRecord(tx, kind, userId, idArgument('id', args.id)));
    },
  };
}

export function mutationResolvers(dependencies: MutationDependencies): MutationResolvers {
  const income = ownedRecordMutations(dependencies, incomes, { add: 'addIncome', update: 'updateIncome', delete: 'deleteIncome' });
  const expense = ownedRecordMutations(dependencies, expenses, { add: 'addExpense', update: 'updateExpense', delete: 'deleteExpense' });
  const goal = ownedRecordMutations(dependencies, savingsGoals, {
    add: 'createSavingsGoal',
    update: 'updateSavingsGoal',
    delete: 'deleteSavingsGoal',
  });
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
    ...savingsGroupMutations(dependencies),
  };
}
