// Putting money into a savings group. The contribution, the group's new total and sequence, and
// the outbox event that announces it are written in one transaction under the group's lock:
// either all of them are committed or none, so no subscriber hears of a contribution that was
// rolled back, and none that was committed goes unannounced (outboxRelay.ts publishes it).
import { activeTraceParent, badInput, DomainError } from '@ledgerline/service-runtime';
import type { FinanceQueries } from '../db.js';
import type { GroupContribution } from '../generated/prisma/client.js';
import { LARGEST_AMOUNT, Money } from '../money.js';
import { pageFrom } from '../recordRules.js';
import { statusOf } from './groupProgress.js';
import { contributionAmount, contributionMessage } from './groupRules.js';
import { isMember, lockGroup, notAMember } from './savingsGroups.js';

export interface NewContribution {
  amount: unknown;
  message?: unknown;
}

/** Records the contribution inside the caller's transaction; it is announced once that commits. */
export async function contributeInTransaction(
  tx: FinanceQueries,
  groupId: number,
  contributorId: number,
  input: NewContribution,
): Promise<GroupContribution> {
  const amount = contributionAmount('amount', input.amount);
  const message = contributionMessage('message', input.message);
  const group = await lockGroup(tx, groupId);
  if (!(await isMember(tx, groupId, contributorId))) throw notAMember();
  const status = statusOf(group);
  if (status !== 'OPEN') {
    const why = status === 'TARGET_REACHED' ? 'reached its target' : 'passed its deadline';
    throw new DomainError('GROUP_CLOSED', `This savings group ${why} and takes no more contributions`, { status });
  }
  const total = group.total.add(amount);
  // numeric(14,2) holds no more: a group total past it is refused, not overflowed.
  if (total.gt(LARGEST_AMOUNT)) throw badInput('amount', `would take the group's total past ${LARGEST_AMOUNT.toFixed(2)}`);
  const sequence = group.lastSequence + 1;
  const reached = total.gte(group.targetAmount);
  await tx.savingsGroup.update({
    where: { id: groupId },
    data: { total, lastSequence: sequence, ...(reached ? { targetReachedAt: new Date() } : {}) },
  });
  const contribution = await tx.groupContribution.create({ data: { groupId, contributorId, amount, message, sequence } });
  await tx.groupEvent.create({
    data: { groupId, kind: 'contribution', sequence, contributionId: contribution.id, totalAfter: total, traceParent: activeTraceParent() },
  });
  return contribution;
}

/** The group's contributions, newest first. */
export function contributionsToGroup(db: FinanceQueries, groupId: number, page: { limit?: number | null; offset?: number | null }) {
  const { limit, offset } = pageFrom(page);
  return db.groupContribution.findMany({ where: { groupId }, orderBy: { sequence: 'desc' }, take: limit, skip: offset });
}

/** The user's own contributions to every group, newest first. */
export function contributionsOf(db: FinanceQueries, contributorId: number, page: { limit?: number | null; offset?: number | null }) {
  const { limit, offset } = pageFrom(page);
  return db.groupContribution.findMany({
    where: { contributorId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    skip: offset,
  });
}

/** Each contributor's sum in the group; deleted accounts' contributions count together, under null. */
export async function contributorSums(db: FinanceQueries, groupId: number) {
  const rows = await db.groupContribution.groupBy({
    by: ['contributorId'],
    where: { groupId },
    _sum: { amount: true },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  return rows.map((row) => ({
    contributorId: row.contributorId,
    total: row._sum.amount ?? new Money(0),
    contributions: row._count._all,
    lastContributionAt: row._max.createdAt ?? new Date(0),
  }));
}
