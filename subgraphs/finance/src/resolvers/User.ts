import { idArgument, requireUser, type SubgraphContext } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from '../db.js';
import { expenses } from '../expenses.js';
import { financialSummaryFor } from '../financialSummary.js';
import { contributionsOf } from '../groups/contributions.js';
import { groupsOf } from '../groups/savingsGroups.js';
import type { UserResolvers } from '../generated/graphql.js';
import { incomes } from '../incomes.js';
import { assertSelf } from '../ownership.js';
import { requestReads } from '../requestReads.js';
import { savingsGoals } from '../savingsGoals.js';
import type { UserReference } from '../userReference.js';

/** The user whose records are asked for, once the caller is known to be that user. */
function ownerOf(user: UserReference, context: SubgraphContext): number {
  assertSelf(requireUser(context), user.id);
  return user.id;
}

export function userResolvers(db: FinanceDatabase): UserResolvers {
  return {
    __resolveReference: (reference) => ({ id: idArgument('id', reference.id) }),
    incomes: (user, args, context) => requestReads(db, context).records(incomes, ownerOf(user, context), args),
    expenses: (user, { category, ...args }, context) =>
      requestReads(db, context).records(expenses, ownerOf(user, context), { ...args, match: { category } }),
    savingsGoals: (user, args, context) => requestReads(db, context).records(savingsGoals, ownerOf(user, context), args),
    financialSummary: (user, args, context) => financialSummaryFor(requestReads(db, context).totals, ownerOf(user, context), args),
    savingsGroups: (user, _, context) => groupsOf(db, ownerOf(user, context)),
    groupContributions: (user, page, context) => contributionsOf(db, ownerOf(user, context), page),
  };
}
