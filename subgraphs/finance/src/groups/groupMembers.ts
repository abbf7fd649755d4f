// A group's members as the SavingsGroup.members field shows them: who, since when, whether they
// own it, and what they put in.
import type { FinanceQueries } from '../db.js';
import type { SavingsGroup } from '../generated/prisma/client.js';
import { Money } from '../money.js';
import { contributorSums } from './contributions.js';
import { membersOf } from './savingsGroups.js';

export interface GroupMember {
  userId: number;
  joinedAt: Date;
  isOwner: boolean;
  total: Money;
}

export async function groupMembers(db: FinanceQueries, group: SavingsGroup): Promise<GroupMember[]> {
  const [members, sums] = await Promise.all([membersOf(db, group.id), contributorSums(db, group.id)]);
  const totals = new Map(sums.map((sum) => [sum.contributorId, sum.total]));
  return members.map(({ userId, joinedAt }) => ({
    userId,
    joinedAt,
    isOwner: userId === group.ownerId,
    total: totals.get(userId) ?? new Money(0),
  }));
}
