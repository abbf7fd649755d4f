// What deleting an account does to savings groups: the user leaves every group (ownership passes
// on, an emptied group is deleted: savingsGroups.ts), and their contributions stay in the groups
// as an anonymous member's (no contributor, no message), so nobody else's progress goes back.
import type { FinanceQueries } from '../db.js';
import { leaveGroupInTransaction } from './savingsGroups.js';

export interface GroupErasure {
  groupsLeft: number;
  contributionsAnonymised: number;
}

export async function eraseFromGroupsInTransaction(tx: FinanceQueries, userId: number): Promise<GroupErasure> {
  const memberships = await tx.savingsGroupMember.findMany({ where: { userId }, select: { groupId: true }, orderBy: { groupId: 'asc' } });
  // In id order, as every multi-group change takes its locks, so two erasures never wait on each other in a circle.
  for (const { groupId } of memberships) await leaveGroupInTransaction(tx, groupId, userId);
  const { count } = await tx.groupContribution.updateMany({
    where: { contributorId: userId },
    data: { contributorId: null, message: null },
  });
  return { groupsLeft: memberships.length, contributionsAnonymised: count };
}
