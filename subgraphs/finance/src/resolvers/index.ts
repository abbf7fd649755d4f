import { DateTime } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from '../db.js';
import type { TokenChecks } from '@ledgerline/service-runtime';
import type { Resolvers } from '../generated/graphql.js';
import { mutationResolvers } from './Mutation.js';
import { queryResolvers } from './Query.js';
import {
  contributorTotalResolvers,
  groupContributionResolvers,
  savingsGroupMemberResolvers,
  savingsGroupResolvers,
} from './SavingsGroup.js';
import type { EventAnnouncer } from '../groups/outboxRelay.js';
import type { RunWrite } from '../idempotentWrites.js';
import { CalendarDate, Money } from './scalars.js';
import { userResolvers } from './User.js';

export function financeSubgraphResolvers(db: FinanceDatabase, tokens: TokenChecks, relay: EventAnnouncer, runWrite: RunWrite): Resolvers {
  return {
    Money,
    Date: CalendarDate,
    DateTime,
    User: userResolvers(db),
    Query: queryResolvers(db),
    Mutation: mutationResolvers({ db, tokens, runWrite, relay }),
    SavingsGroup: savingsGroupResolvers(db),
    SavingsGroupMember: savingsGroupMemberResolvers,
    ContributorTotal: contributorTotalResolvers,
    GroupContribution: groupContributionResolvers,
  };
}
