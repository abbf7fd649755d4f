// The fields of a savings group and what hangs off it. The group was already shown to be the
// caller's (Query.savingsGroup, User.savingsGroups), so these fields only read.
import type { FinanceDatabase } from '../db.js';
import type {
  ContributorTotalResolvers,
  GroupContributionResolvers,
  SavingsGroupMemberResolvers,
  SavingsGroupResolvers,
} from '../generated/graphql.js';
import { contributionsToGroup, contributorSums } from '../groups/contributions.js';
import { groupMembers } from '../groups/groupMembers.js';
import { leaderboardOf, progressOf, statusOf } from '../groups/groupProgress.js';
import { pageFrom } from '../recordRules.js';

export function savingsGroupResolvers(db: FinanceDatabase): SavingsGroupResolvers {
  return {
    owner: (group) => ({ id: group.ownerId }),
    status: (group) => statusOf(group),
    members: (group) => groupMembers(db, group),
    progress: async (group) => progressOf(group, await contributorSums(db, group.id)),
    leaderboard: async (group, { limit }) => {
      const places = pageFrom({ limit }).limit;
      return leaderboardOf(await contributorSums(db, group.id)).slice(0, places);
    },
    contributions: (group, page) => contributionsToGroup(db, group.id, page),
  };
}

export const savingsGroupMemberResolvers: SavingsGroupMemberResolvers = {
  user: (member) => ({ id: member.userId }),
};

export const contributorTotalResolvers: ContributorTotalResolvers = {
  contributor: (total) => (total.contributorId === null ? null : { id: total.contributorId }),
};

export const groupContributionResolvers: GroupContributionResolvers = {
  contributor: (contribution) => (contribution.contributorId === null ? null : { id: contribution.contributorId }),
};
