// The outbox relay on a schema of this file's own (no other file's relay publishes or prunes its
// rows): every committed group event reaches subscribers at least once, in order, whatever failed
// in between, and the log keeps what a resuming subscription still needs.
import type { GroupEventNotice } from '@ledgerline/proto';
import { createLogger, DomainError } from '@ledgerline/service-runtime';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { freshSchemas } from '../../../test/support/freshSchemas.js';
import { newUserId } from '../../../test/support/serviceDatabases.js';
import { rejectionOf } from '../../../test/support/thrown.js';
import { createFinanceDatabase, type FinanceDatabase } from '../src/db.js';
import { contributeInTransaction } from '../src/groups/contributions.js';
import { eventsAfter } from '../src/groups/groupEvents.js';
import { localGroupEventFeed, type GroupEventPublisher } from '../src/groups/groupEventPublishers.js';
import { publishPending, pruneGroupEvents, startOutboxRelay, type OutboxRelay } from '../src/groups/outboxRelay.js';
import { createGroup, joinGroup, leaveGroup } from '../src/groups/savingsGroups.js';

const HOUR_MS = 60 * 60 * 1000;
const log = createLogger('outbox-relay-test', 'silent');

let db: FinanceDatabase;
let relay: OutboxRelay | undefined;

beforeAll(async () => {
  const schemas = await freshSchemas();
  db = createFinanceDatabase(inject('databaseUrl'), schemas.finance);
});

afterEach(async () => {
  await relay?.stop();
  relay = undefined;
});

afterAll(async () => {
  await db.$disconnect();
});

/** A publisher that keeps what it was handed, as a subscriber would see it; `of` gives what the notices say, without their origin. */
function collector() {
  const feed = localGroupEventFeed();
  const notices: GroupEventNotice[] = [];
  feed.follow((notice) => notices.push(notice));
  const of = (groupId: number) => notices.filter((notice) => notice.groupId === groupId).map(({ origin: _origin, ...notice }) => notice);
  return { publisher: feed, notices, of };
}

const unreachable: GroupEventPublisher = {
  publish: () => Promise.reject(new Error('Redis is away')),
  close: () => Promise.resolve(),
};

async function groupWithContributions(count: number) {
  const owner = newUserId();
  const group = await createGroup(db, owner, { name: 'Bikes', targetAmount: '1000.00', deadline: '2099-12-31' });
  for (let i = 0; i < count; i++) await contribute(group.id, owner, '10.00');
  return { group, owner };
}

const contribute = (groupId: number, contributorId: number, amount: string) =>
  db.$transaction((tx) => contributeInTransaction(tx, groupId, contributorId, { amount }));

const contributionNotices = (groupId: number, sequences: number[]) =>
  sequences.map((sequence) => ({ groupId, kind: 'contribution', sequence }));

const unpublishedIn = (groupId: number) => db.groupEvent.count({ where: { groupId, publishedAt: null } });

/** Publishes until nothing is left, so a test starts from a log with nothing pending. */
async function publishEverything(publisher: GroupEventPublisher = localGroupEventFeed()) {
  while ((await publishPending(db, publisher)) > 0);
}

describe('publishPending', () => {
  it('publishes committed contributions once, in sequence order, and marks them published', async () => {
    const before = Date.now();
    const { group } = await groupWithContributions(3);
    const { publisher, notices, of } = collector();
    await publishEverything(publisher);
    expect(of(group.id)).toEqual(contributionNotices(group.id, [1, 2, 3]));
    // Each says when it was committed (what routers measure their delivery lag from), and that no trace made it.
    for (const { origin } of notices) {
      expect(origin?.committedAtMs).toBeGreaterThanOrEqual(before - 1_000);
      expect(origin?.committedAtMs).toBeLessThanOrEqual(Date.now());
      expect(origin?.traceParent).toBeNull();
    }
    expect(await unpublishedIn(group.id)).toBe(0);

    await publishEverything(publisher);
    expect(of(group.id)).toHaveLength(3);
  });

  it('leaves the rows unpublished when the publisher fails, and the next run delivers every one of them', async () => {
    const { group } = await groupWithContributions(2);
    expect(await rejectionOf(publishPending(db, unreachable))).toMatchObject({ message: 'Redis is away' });
    expect(await unpublishedIn(group.id)).toBe(2);

    const { publisher, of } = collector();
    await publishEverything(publisher);
    expect(of(group.id)).toEqual(contributionNotices(group.id, [1, 2]));
  });

  it("publishes a member_left notice naming who left, so the router ends that member's subscriptions", async () => {
    const { group } = await groupWithContributions(0);
    const leaver = newUserId();
    await joinGroup(db, leaver, group.inviteCode);
    await leaveGroup(db, group.id, leaver);
    const { publisher, of } = collector();
    await publishEverything(publisher);
    expect(of(group.id)).toEqual([{ groupId: group.id, kind: 'member_left', userId: leaver }]);
  });
});

describe('startOutboxRelay', () => {
  const settings = { pollMs: 50, retentionMs: HOUR_MS };
  const uncounted = { inc: () => undefined };

  it('publishes on starting what was committed while no relay ran, as after a crash between commit and publish', async () => {
    await publishEverything();
    const { group } = await groupWithContributions(2);
    const { publisher, of } = collector();
    let published = 0;
    relay = startOutboxRelay(db, publisher, settings, log, { inc: (count) => (published += count) });
    await vi.waitFor(() => expect(of(group.id)).toEqual(contributionNotices(group.id, [1, 2])));
    expect(await unpublishedIn(group.id)).toBe(0);
    expect(published).toBeGreaterThanOrEqual(2);
  });

  it('finds at its next poll a contribution nobody woke it for, as one committed by another replica', async () => {
    const earlier = await groupWithContributions(1);
    const { publisher, of } = collector();
    relay = startOutboxRelay(db, publisher, settings, log, uncounted);
    // Once the start's own run has handed this on, it has read the log: what comes later waits for a poll.
    await vi.waitFor(() => expect(of(earlier.group.id)).toHaveLength(1));
    const { group } = await groupWithContributions(1);
    await vi.waitFor(() => expect(of(group.id)).toEqual(contributionNotices(group.id, [1])));
  });

  it('keeps retrying while its publisher fails and delivers everything once it is back', async () => {
    const { publisher, of } = collector();
    let failuresLeft = 3;
    const flaky: GroupEventPublisher = {
      publish: (notices) => (failuresLeft-- > 0 ? Promise.reject(new Error('Redis is away')) : publisher.publish(notices)),
      close: () => Promise.resolve(),
    };
    const { group } = await groupWithContributions(2);
    relay = startOutboxRelay(db, flaky, settings, log, uncounted);
    await vi.waitFor(() => expect(of(group.id)).toEqual(contributionNotices(group.id, [1, 2])));
    expect(failuresLeft).toBeLessThan(0);
  });
});

describe('pruneGroupEvents', () => {
  const setBack = (groupId: number, sequences: number[], ms: number) =>
    db.groupEvent.updateMany({ where: { groupId, sequence: { in: sequences } }, data: { createdAt: new Date(Date.now() - ms) } });
  const sequencesIn = async (groupId: number) =>
    (await db.groupEvent.findMany({ where: { groupId }, orderBy: { id: 'asc' } })).map(({ kind, sequence }) => sequence ?? kind);

  it('deletes published contributions past the retention, keeping recent ones and every unpublished one', async () => {
    const { group, owner } = await groupWithContributions(3);
    await publishEverything();
    await contribute(group.id, owner, '10.00');
    await setBack(group.id, [1, 2, 4], 2 * HOUR_MS);

    await pruneGroupEvents(db, HOUR_MS);
    // 4 is as old as 1 and 2, but no subscriber has heard of it yet.
    expect(await sequencesIn(group.id)).toEqual([3, 4]);
  });

  it('makes a resume from before the pruned events answer EVENTS_EXPIRED, naming the oldest sequence kept', async () => {
    const { group } = await groupWithContributions(3);
    await publishEverything();
    await setBack(group.id, [1], 2 * HOUR_MS);
    await pruneGroupEvents(db, HOUR_MS);

    const latest = await db.savingsGroup.findUniqueOrThrow({ where: { id: group.id } });
    const expired = await rejectionOf(eventsAfter(db, latest, 0, 100), DomainError);
    expect({ code: expired.code, oldestSequence: expired.details['oldestSequence'] }).toEqual({
      code: 'EVENTS_EXPIRED',
      oldestSequence: 2,
    });
    expect((await eventsAfter(db, latest, 1, 100)).map((event) => event.sequence)).toEqual([2, 3]);
  });

  it('deletes a member_left notice once it is published, however recent, and not before', async () => {
    const { group } = await groupWithContributions(1);
    const leaver = newUserId();
    await joinGroup(db, leaver, group.inviteCode);
    await leaveGroup(db, group.id, leaver);

    await pruneGroupEvents(db, HOUR_MS);
    expect(await sequencesIn(group.id)).toEqual([1, 'member_left']);

    await publishEverything();
    await pruneGroupEvents(db, HOUR_MS);
    expect(await sequencesIn(group.id)).toEqual([1]);
  });
});
