import { idArgument, requireUser, type SubgraphContext } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from '../db.js';
import { listExpenses } from '../expenses.js';
import { financialSummaryFor } from '../financialSummary.js';
import { listIncomes } from '../incomes.js';
import { assertSelf } from '../ownership.js';
import type { Page } from '../recordRules.js';
import { optionalDateArgument } from './arguments.js';
import { listSavingsGoals } from '../savingsGoals.js';

/** The finance side of a User entity: only its id crosses from the User subgraph. */
interface UserReference {
  id: number;
}

interface PeriodArguments {
  from?: unknown;
  to?: unknown;
}
type ListArguments = PeriodArguments & Partial<Page>;

const period = (args: PeriodArguments): { from: Date | undefined; to: Date | undefined } => ({
  from: optionalDateArgument('from', args.from),
  to: optionalDateArgument('to', args.to),
});

/** The user whose records are asked for, once the caller is known to be that user. */
function ownerOf(user: UserReference, context: SubgraphContext): number {
  assertSelf(requireUser(context), user.id);
  return user.id;
}

export function userResolvers(db: FinanceDatabase) {
  return {
    __resolveReference: (reference: { id: string }): UserReference => ({ id: idArgument('id', reference.id) }),
    incomes: (user: UserReference, args: ListArguments, context: SubgraphContext) =>
      listIncomes(db, ownerOf(user, context), { ...args, ...period(args) }),
    expenses: (user: UserReference, args: ListArguments & { category?: string | null }, context: SubgraphContext) =>
      listExpenses(db, ownerOf(user, context), { ...args, ...period(args) }),
    savingsGoals: (user: UserReference, args: ListArguments, context: SubgraphContext) =>
      listSavingsGoals(db, ownerOf(user, context), { ...args, ...period(args) }),
    financialSummary: (user: UserReference, args: PeriodArguments, context: SubgraphContext) =>
      financialSummaryFor(db, ownerOf(user, context), period(args)),
  };
}
