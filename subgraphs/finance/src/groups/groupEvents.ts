// Reading a group's event log: what a subscription resumed with `since` replays, and what each
// live notice is resolved into (the router asks for the events after the last one it delivered).
import { badInput, DomainError } from '@ledgerline/service-runtime';
import type { FinanceQueries } from '../db.js';
import type { GroupContribution, SavingsGroup } from '../generated/prisma/client.js';
import type { Money } from '../money.js';
import { MAX_PAGE_SIZE } from '../recordRules.js';
import { percentOf } from './groupProgress.js';

export interface GroupSavingsEvent {
  sequence: number;
  groupId: number;
  contribution: GroupContribution;
  progress: { total: Money; target: Money; percent: number; targetReached: boolean };
}

/**
 * The group's contribution events with a sequence above `after`, oldest first. EVENTS_EXPIRED
 * when some of them are older than the log keeps (outboxRelay.ts prunes it): the client then
 * reads the group afresh and follows it from its `lastSequence`.
 */
export async function eventsAfter(db: FinanceQueries, group: SavingsGroup, after: number, limit: number): Promise<GroupSavingsEvent[]> {
  if (!Number.isInteger(after) || after < 0) throw badInput('after', 'must be a sequence, 0 or more');
  if (after > group.lastSequence)
    throw badInput('after', `is ahead of the group's latest event (${group.lastSequence}); resume from a sequence you received`);
  if (limit < 1 || limit > MAX_PAGE_SIZE) throw badInput('limit', `must be between 1 and ${MAX_PAGE_SIZE}`);
  if (after === group.lastSequence) return [];
  const rows = await db.groupEvent.findMany({
    where: { groupId: group.id, kind: 'contribution', sequence: { gt: after } },
    orderBy: { sequence: 'asc' },
    take: limit,
  });
  const [first] = rows;
  // The log is pruned oldest first, so what is kept runs on from its first sequence without a hole.
  if (first?.sequence !== after + 1 || rows.some((row, index) => row.sequence !== after + 1 + index)) {
    throw new DomainError(
      'EVENTS_EXPIRED',
      `Events after ${after} are no longer kept; read the group afresh and follow it from its lastSequence`,
      {
        oldestSequence: first?.sequence ?? group.lastSequence + 1,
      },
    );
  }
  const contributions = await db.groupContribution.findMany({
    where: { groupId: group.id, sequence: { in: rows.map((row) => row.sequence!) } },
  });
  const bySequence = new Map(contributions.map((contribution) => [contribution.sequence, contribution]));
  return rows.map((row) => {
    const contribution = bySequence.get(row.sequence!)!;
    const total = row.totalAfter!;
    const target = group.targetAmount;
    const targetReached = total.gte(target) && total.sub(contribution.amount).lt(target);
    return {
      sequence: row.sequence!,
      groupId: group.id,
      contribution,
      progress: { total, target, percent: percentOf(total, target), targetReached },
    };
  });
}
