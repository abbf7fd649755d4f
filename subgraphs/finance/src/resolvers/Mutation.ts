import { idArgument, requireUser } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from '../db.js';
import { addExpense, deleteExpense, updateExpense } from '../expenses.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { addIncome, deleteIncome, updateIncome } from '../incomes.js';
import { createSavingsGoal, deleteSavingsGoal, updateSavingsGoal } from '../savingsGoals.js';
import { dateArgument, moneyArgument, optionalDateArgument, optionalMoneyArgument } from './arguments.js';

export function mutationResolvers(db: FinanceDatabase): MutationResolvers {
  return {
    addIncome: (_, args, context) =>
      addIncome(db, requireUser(context), {
        amount: moneyArgument('amount', args.amount),
        source: args.source,
        date: dateArgument('date', args.date),
      }),
    updateIncome: (_, args, context) =>
      updateIncome(db, requireUser(context), idArgument('id', args.id), {
        amount: optionalMoneyArgument('amount', args.amount),
        source: args.source ?? undefined,
        date: optionalDateArgument('date', args.date),
      }),
    deleteIncome: (_, args, context) => deleteIncome(db, requireUser(context), idArgument('id', args.id)),

    addExpense: (_, args, context) =>
      addExpense(db, requireUser(context), {
        amount: moneyArgument('amount', args.amount),
        category: args.category,
        date: dateArgument('date', args.date),
      }),
    updateExpense: (_, args, context) =>
      updateExpense(db, requireUser(context), idArgument('id', args.id), {
        amount: optionalMoneyArgument('amount', args.amount),
        category: args.category ?? undefined,
        date: optionalDateArgument('date', args.date),
      }),
    deleteExpense: (_, args, context) => deleteExpense(db, requireUser(context), idArgument('id', args.id)),

    createSavingsGoal: (_, args, context) =>
      createSavingsGoal(db, requireUser(context), {
        goal: moneyArgument('goal', args.goal),
        targetDate: dateArgument('targetDate', args.targetDate),
      }),
    updateSavingsGoal: (_, args, context) =>
      updateSavingsGoal(db, requireUser(context), idArgument('id', args.id), {
        goal: optionalMoneyArgument('goal', args.goal),
        targetDate: optionalDateArgument('targetDate', args.targetDate),
      }),
    deleteSavingsGoal: (_, args, context) => deleteSavingsGoal(db, requireUser(context), idArgument('id', args.id)),
  };
}
