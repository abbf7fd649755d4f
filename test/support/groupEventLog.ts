// A long event log for a savings group, written straight to Finance's database for tests that
// need hundreds of events in well under a second: the rows contributeInTransaction writes (the
// contributions, their events, the group's total and last sequence), but each kind in one SQL
// statement, where the API (or Prisma's createMany, slower still) takes a round trip per row. The
// outbox relay publishes the events at its next poll, as it would after a crash.
import type { FinanceDatabase } from '../../subgraphs/finance/src/db.js';
import { Prisma } from '../../subgraphs/finance/src/generated/prisma/client.js';
import { lockGroup } from '../../subgraphs/finance/src/groups/savingsGroups.js';

/**
 * Appends `count` contributions of `amount` with `message` by `contributorId` (a member: not
 * checked) to the group, which they must leave below its target; the group's new last sequence.
 * `schema` is the one the Finance database client was made for.
 */
export async function appendContributions(
  finance: { db: FinanceDatabase; schema: string },
  groupId: number,
  contributorId: number,
  count: number,
  contribution: { amount: string; message: string },
): Promise<number> {
  const { amount, message } = contribution;
  if (!/^\w+$/.test(finance.schema)) throw new Error(`Not a schema name: ${finance.schema}`);
  return finance.db.$transaction(async (tx) => {
    // Prisma names the service's schema in each query it builds; raw SQL needs it on the search path.
    await tx.$executeRawUnsafe(`SET LOCAL search_path TO "${finance.schema}"`);
    const group = await lockGroup(tx, groupId);
    const before = group.lastSequence;
    const last = before + count;
    const total = group.total.add(new Prisma.Decimal(amount).mul(count));
    if (total.gte(group.targetAmount)) throw new Error('The contributions would reach the target, which closes the group: raise it');
    await tx.$executeRaw`
      INSERT INTO group_contributions (group_id, contributor_id, amount, message, sequence)
      SELECT ${groupId}, ${contributorId}, ${amount}::numeric, ${message}, sequence FROM generate_series(${before + 1}::int, ${last}::int) AS sequence`;
    await tx.$executeRaw`
      INSERT INTO group_events (group_id, kind, sequence, contribution_id, total_after)
      SELECT group_id, 'contribution', sequence, id, ${group.total.toString()}::numeric + amount * (sequence - ${before}::int)
      FROM group_contributions WHERE group_id = ${groupId} AND sequence > ${before}::int ORDER BY sequence`;
    await tx.savingsGroup.update({ where: { id: groupId }, data: { total, lastSequence: last } });
    return last;
  });
}
