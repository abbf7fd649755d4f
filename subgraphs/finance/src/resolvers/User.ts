import { idArgument, requireUser, type SubgraphContext } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from '../db.js';
import { listExpenses } from '../expenses.js';
import { financialSummaryFor } from '../financialSummary.js';
import type { UserResolvers } from '../generated/graphql.js';
import { listIncomes } from '../incomes.js';
import { assertSelf } from '../ownership.js';
import { listSavingsGoals } from '../savingsGoals.js';
import type { UserReference } from '../userReference.js';
import { optionalDateArgument } from './arguments.js';

interface PeriodArguments {
  from?: unknown;
  to?: unknown;
}

const period = (args: PeriodArguments): { from: Date | undefined; to: Date | undefined } => ({
  from: optionalDateArgument('from', args.from),
  to: optionalDateArgument('to', args.to),
});

/** The user whose records are asked for, once the caller is known to be that user. */
function ownerOf(user: UserReference, context: SubgraphContext): number {
  assertSelf(requireUser(context), user.id);
  return user.id;
}

export function userResolvers(db: FinanceDatabase): UserResolvers {
  return {
    __resolveReference: (reference) => ({ id: idArgument('id', reference.id) }),
    incomes: (user, args, context) => listIncomes(db, ownerOf(user, context), { ...args, ...period(args) }),
    expenses: (user, args, context) => listExpenses(db, ownerOf(user, context), { ...args, ...period(args) }),
    savingsGoals: (user, args, context) => listSavingsGoals(db, ownerOf(user, context), { ...args, ...period(args) }),
    financialSummary: (user, args, context) => financialSummaryFor(db, ownerOf(user, context), period(args)),
  };
}
