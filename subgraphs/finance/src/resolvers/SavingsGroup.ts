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
import { leaderboardOf, progressOf, statusOf, type ContributorSum } from '../groups/groupProgress.js';
import type { SavingsGroup } from '../generated/prisma/client.js';
import { pageFrom } from '../recordRules.js';

export function savingsGroupResolvers(db: FinanceDatabase): SavingsGroupResolvers {
  // members, progress and leaderboard all need the group's sums: one query per group row read,
  // however many of them a request selects (the row is read anew by each request).
  const sumsByGroup = new WeakMap<SavingsGroup, Promise<ContributorSum[]>>();
  const sumsOf = (group: SavingsGroup): Promise<ContributorSum[]> => {
    let sums = sumsByGroup.get(group);
    if (sums === undefined) {
      sums = contributorSums(db, group.id);
      sumsByGroup.set(group, sums);
    }
    return sums;
  };
  return {
    owner: (group) => ({ id: group.ownerId }),
    status: (group) => statusOf(group),
    members: (group) => groupMembers(db, group, sumsOf(group)),
    progress: async (group) => progressOf(group, await sumsOf(group)),
    leaderboard: async (group, { limit }) => {
      const places = pageFrom({ limit }).limit;
      return leaderboardOf(await sumsOf(group)).slice(0, places);
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
