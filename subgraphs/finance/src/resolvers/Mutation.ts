import { idArgument, requireUser, type SubgraphContext } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from '../db.js';
import { addExpense, deleteExpense, updateExpense } from '../expenses.js';
import { addIncome, deleteIncome, updateIncome } from '../incomes.js';
import { createSavingsGoal, deleteSavingsGoal, updateSavingsGoal } from '../savingsGoals.js';
import { dateArgument, moneyArgument, optionalDateArgument, optionalMoneyArgument } from './arguments.js';

interface IdArguments {
  id: string;
}
interface IncomeArguments {
  amount: unknown;
  source: string;
  date: unknown;
}
interface ExpenseArguments {
  amount: unknown;
  category: string;
  date: unknown;
}
interface SavingsGoalArguments {
  goal: unknown;
  targetDate: unknown;
}
/** Update arguments: everything but the id may be omitted (GraphQL then passes null or nothing). */
type Changes<Arguments> = IdArguments & { [Name in keyof Arguments]?: Arguments[Name] | null };

export function mutationResolvers(db: FinanceDatabase) {
  return {
    addIncome: (_: unknown, args: IncomeArguments, context: SubgraphContext) =>
      addIncome(db, requireUser(context), {
        amount: moneyArgument('amount', args.amount),
        source: args.source,
        date: dateArgument('date', args.date),
      }),
    updateIncome: (_: unknown, args: Changes<IncomeArguments>, context: SubgraphContext) =>
      updateIncome(db, requireUser(context), idArgument('id', args.id), {
        amount: optionalMoneyArgument('amount', args.amount),
        source: args.source ?? undefined,
        date: optionalDateArgument('date', args.date),
      }),
    deleteIncome: (_: unknown, args: IdArguments, context: SubgraphContext) =>
      deleteIncome(db, requireUser(context), idArgument('id', args.id)),

    addExpense: (_: unknown, args: ExpenseArguments, context: SubgraphContext) =>
      addExpense(db, requireUser(context), {
        amount: moneyArgument('amount', args.amount),
        category: args.category,
        date: dateArgument('date', args.date),
      }),
    updateExpense: (_: unknown, args: Changes<ExpenseArguments>, context: SubgraphContext) =>
      updateExpense(db, requireUser(context), idArgument('id', args.id), {
        amount: optionalMoneyArgument('amount', args.amount),
        category: args.category ?? undefined,
        date: optionalDateArgument('date', args.date),
      }),
    deleteExpense: (_: unknown, args: IdArguments, context: SubgraphContext) =>
      deleteExpense(db, requireUser(context), idArgument('id', args.id)),

    createSavingsGoal: (_: unknown, args: SavingsGoalArguments, context: SubgraphContext) =>
      createSavingsGoal(db, requireUser(context), {
        goal: moneyArgument('goal', args.goal),
        targetDate: dateArgument('targetDate', args.targetDate),
      }),
    updateSavingsGoal: (_: unknown, args: Changes<SavingsGoalArguments>, context: SubgraphContext) =>
      updateSavingsGoal(db, requireUser(context), idArgument('id', args.id), {
        goal: optionalMoneyArgument('goal', args.goal),
        targetDate: optionalDateArgument('targetDate', args.targetDate),
      }),
    deleteSavingsGoal: (_: unknown, args: IdArguments, context: SubgraphContext) =>
      deleteSavingsGoal(db, requireUser(context), idArgument('id', args.id)),
  };
}
