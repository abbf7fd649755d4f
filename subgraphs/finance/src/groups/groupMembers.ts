// A group's members as the SavingsGroup.members field shows them: who, since when, whether they
// own it, and what they put in.
import type { FinanceQueries } from '../db.js';
import type { SavingsGroup } from '../generated/prisma/client.js';
import { Money } from '../money.js';
import type { ContributorSum } from './groupProgress.js';
import { membersOf } from './savingsGroups.js';

export interface GroupMember {
  userId: number;
  joinedAt: Date;
  isOwner: boolean;
  total: Money;
}

/** The members, each with their total from the group's contributor sums. */
export async function groupMembers(db: FinanceQueries, group: SavingsGroup, sums: Promise<ContributorSum[]>): Promise<GroupMember[]> {
  const [members, contributorTotals] = await Promise.all([membersOf(db, group.id), sums]);
  const totals = new Map(contributorTotals.map((sum) => [sum.contributorId, sum.total]));
  return members.map(({ userId, joinedAt }) => ({
    userId,
    joinedAt,
    isOwner: userId === group.ownerId,
    total: totals.get(userId) ?? new Money(0),
  }));
}
