// Savings groups on the Finance service's own database: who may join, see, contribute and leave,
// how contributions are numbered and totalled, and the event log a subscription resumes from.
import { DomainError } from '@ledgerline/service-runtime';
import { describe, expect, it } from 'vitest';
import { financeDatabase, newUserId } from '../../../test/support/serviceDatabases.js';
import { rejectionOf } from '../../../test/support/thrown.js';
import { contributeInTransaction, contributionsToGroup, contributorSums } from '../src/groups/contributions.js';
import { eventsAfter } from '../src/groups/groupEvents.js';
import { progressOf } from '../src/groups/groupProgress.js';
import { createGroup, groupOfMember, groupsOf, joinGroup, leaveGroup, membersOf, revokeInviteCode } from '../src/groups/savingsGroups.js';
import { formatMoney } from '../src/money.js';

const db = financeDatabase;
const NO_SUCH_GROUP = 2_000_000_000;

// async: createGroup checks its input before it returns a promise, so it throws rather than rejects.
const newGroup = async (ownerId: number, overrides: Record<string, unknown> = {}) =>
  createGroup(db(), ownerId, { name: 'Trip to Lisbon', targetAmount: '1000.00', deadline: '2099-12-31', ...overrides });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A group with its owner and the other members, who joined in the order given. */
async function groupWith(memberCount: number, overrides: Record<string, unknown> = {}) {
  const [owner, ...others] = Array.from({ length: memberCount }, newUserId);
  const group = await newGroup(owner!, overrides);
  for (const member of others) {
    // joined_at has millisecond precision: apart, so "longest-standing" is never a tie.
    await pause(5);
    await joinGroup(db(), member, group.inviteCode);
  }
  return { group, owner: owner!, others };
}

const contribute = (groupId: number, contributorId: number, amount: unknown, message?: unknown) =>
  db().$transaction((tx) => contributeInTransaction(tx, groupId, contributorId, { amount, message }));

const reread = (groupId: number) => db().savingsGroup.findUniqueOrThrow({ where: { id: groupId } });

async function refusal(promise: Promise<unknown>): Promise<{ code: string; field?: unknown }> {
  const { code, details } = await rejectionOf(promise, DomainError);
  return 'field' in details ? { code, field: details['field'] } : { code };
}

/** The group's contributions, oldest first, as a member reads them. */
async function contributionsIn(groupId: number) {
  const newestFirst = await contributionsToGroup(db(), groupId, { limit: 500 });
  return newestFirst
    .reverse()
    .map(({ sequence, contributorId, amount, message }) => ({ sequence, contributorId, amount: formatMoney(amount), message }));
}

const eventRowsOf = (groupId: number) =>
  db().groupEvent.findMany({ where: { groupId, kind: 'contribution' }, orderBy: { sequence: 'asc' } });

describe('creating a savings group', () => {
  it('makes its creator the owner and only member, with nothing saved yet and an invite code to share', async () => {
    const owner = newUserId();
    const group = await newGroup(owner, { name: '  Trip to Lisbon ' });
    expect(group).toMatchObject({ name: 'Trip to Lisbon', ownerId: owner, lastSequence: 0, targetReachedAt: null });
    expect(formatMoney(group.total)).toBe('0.00');
    expect(formatMoney(group.targetAmount)).toBe('1000.00');
    expect(group.inviteCode).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect((await membersOf(db(), group.id)).map((member) => member.userId)).toEqual([owner]);
    expect((await groupsOf(db(), owner)).map(({ id }) => id)).toEqual([group.id]);
  });

  it.each([
    ['name', { name: '   ' }],
    ['name', { name: 'x'.repeat(101) }],
    ['targetAmount', { targetAmount: '0' }],
    ['targetAmount', { targetAmount: '12.345' }],
    ['deadline', { deadline: '2020-01-01' }],
    ['deadline', { deadline: 'next week' }],
  ])('refuses a bad %s, naming it, and creates nothing', async (field, overrides) => {
    const owner = newUserId();
    expect(await refusal(newGroup(owner, overrides))).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await groupsOf(db(), owner)).toEqual([]);
  });
});

describe('joining by invite code', () => {
  it('makes the joiner a member who sees the group, after the members before them', async () => {
    const { group, owner } = await groupWith(1);
    const joiner = newUserId();
    await pause(5);
    expect((await joinGroup(db(), joiner, ` ${group.inviteCode} `)).id).toBe(group.id);
    expect((await groupOfMember(db(), group.id, joiner)).id).toBe(group.id);
    expect((await membersOf(db(), group.id)).map((member) => member.userId)).toEqual([owner, joiner]);
  });

  it('changes nothing when a member joins again, not even when they joined', async () => {
    const { group, others } = await groupWith(2);
    const before = await membersOf(db(), group.id);
    await joinGroup(db(), others[0]!, group.inviteCode);
    await joinGroup(db(), group.ownerId, group.inviteCode);
    expect(await membersOf(db(), group.id)).toEqual(before);
  });

  it.each(['', 'not-a-code', 'x'.repeat(33), null])('refuses the unknown code %j with NOT_FOUND', async (code) => {
    expect(await refusal(joinGroup(db(), newUserId(), code))).toEqual({ code: 'NOT_FOUND' });
  });

  it('refuses a revoked code with NOT_FOUND, while the new code lets people in', async () => {
    const { group, owner } = await groupWith(1);
    const revoked = await revokeInviteCode(db(), group.id, owner);
    expect(revoked.inviteCode).not.toBe(group.inviteCode);
    const [late, invited] = [newUserId(), newUserId()];
    expect(await refusal(joinGroup(db(), late, group.inviteCode))).toEqual({ code: 'NOT_FOUND' });
    await joinGroup(db(), invited, revoked.inviteCode);
    expect((await membersOf(db(), group.id)).map((member) => member.userId)).toEqual([owner, invited]);
  });

  it('lets only the owner revoke the code: FORBIDDEN for another member or an outsider, and the code still works', async () => {
    const { group, others } = await groupWith(2);
    expect(await refusal(revokeInviteCode(db(), group.id, others[0]!))).toEqual({ code: 'FORBIDDEN' });
    expect(await refusal(revokeInviteCode(db(), group.id, newUserId()))).toEqual({ code: 'FORBIDDEN' });
    expect((await reread(group.id)).inviteCode).toBe(group.inviteCode);
  });
});

describe('seeing a group', () => {
  it('is FORBIDDEN for a non-member and NOT_FOUND for a group that does not exist', async () => {
    const { group } = await groupWith(1);
    expect(await refusal(groupOfMember(db(), group.id, newUserId()))).toEqual({ code: 'FORBIDDEN' });
    expect(await refusal(groupOfMember(db(), NO_SUCH_GROUP, group.ownerId))).toEqual({ code: 'NOT_FOUND' });
  });
});

describe('contributing', () => {
  it('numbers contributions 1, 2, 3 and keeps the total to the cent, with messages trimmed and blank ones dropped', async () => {
    const { group, owner, others } = await groupWith(2);
    const [member] = others as [number];
    await contribute(group.id, owner, '0.10', '  First!  ');
    await contribute(group.id, member, '0.20', '   ');
    await contribute(group.id, owner, 0.1);
    expect(await contributionsIn(group.id)).toEqual([
      { sequence: 1, contributorId: owner, amount: '0.10', message: 'First!' },
      { sequence: 2, contributorId: member, amount: '0.20', message: null },
      { sequence: 3, contributorId: owner, amount: '0.10', message: null },
    ]);
    const after = await reread(group.id);
    expect({ total: formatMoney(after.total), lastSequence: after.lastSequence }).toEqual({ total: '0.40', lastSequence: 3 });
  });

  it('numbers 10 simultaneous contributions 1 to 10 without gaps or repeats, each with its outbox event, and loses no cent', async () => {
    const { group, owner } = await groupWith(1, { targetAmount: '5000.00' });
    await Promise.all(Array.from({ length: 10 }, () => contribute(group.id, owner, '0.10')));
    const sequences = Array.from({ length: 10 }, (_, index) => index + 1);
    expect((await contributionsIn(group.id)).map((contribution) => contribution.sequence)).toEqual(sequences);
    const events = await eventRowsOf(group.id);
    expect(events.map((event) => event.sequence)).toEqual(sequences);
    // Each event carries the total just after it: the running sum, in sequence order.
    expect(events.map((event) => formatMoney(event.totalAfter!))).toEqual(sequences.map((n) => (n / 10).toFixed(2)));
    const after = await reread(group.id);
    expect({ total: formatMoney(after.total), lastSequence: after.lastSequence }).toEqual({ total: '1.00', lastSequence: 10 });
  });

  it('refuses a non-member with FORBIDDEN and records nothing', async () => {
    const { group } = await groupWith(1);
    expect(await refusal(contribute(group.id, newUserId(), '10.00'))).toEqual({ code: 'FORBIDDEN' });
    expect(await refusal(contribute(NO_SUCH_GROUP, newUserId(), '10.00'))).toEqual({ code: 'NOT_FOUND' });
    expect(await contributionsIn(group.id)).toEqual([]);
    expect((await reread(group.id)).lastSequence).toBe(0);
  });

  it.each([
    ['amount', '0', undefined],
    ['amount', '-5.00', undefined],
    ['amount', '1.001', undefined],
    ['amount', 'ten', undefined],
    ['message', '5.00', 'x'.repeat(281)],
    ['message', '5.00', 42],
  ])('refuses a bad %s (%j, %j), naming it, and records nothing', async (field, amount, message) => {
    const { group, owner } = await groupWith(1);
    expect(await refusal(contribute(group.id, owner, amount, message))).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await contributionsIn(group.id)).toEqual([]);
    expect(await eventRowsOf(group.id)).toEqual([]);
  });

  it('takes the contribution that reaches the target, even past it, then closes the group with GROUP_CLOSED', async () => {
    const { group, owner, others } = await groupWith(2);
    await contribute(group.id, owner, '600.00');
    expect((await reread(group.id)).targetReachedAt).toBeNull();
    await contribute(group.id, others[0]!, '450.00');
    const reached = await reread(group.id);
    expect(reached.targetReachedAt).toBeInstanceOf(Date);
    expect(formatMoney(reached.total)).toBe('1050.00');
    const closed = await rejectionOf(contribute(group.id, owner, '1.00'), DomainError);
    expect({ code: closed.code, status: closed.details['status'] }).toEqual({ code: 'GROUP_CLOSED', status: 'TARGET_REACHED' });
    expect((await reread(group.id)).lastSequence).toBe(2);
  });

  it('refuses contributions with GROUP_CLOSED once the deadline day is over', async () => {
    const { group, owner } = await groupWith(1);
    const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    // The deadline cannot be created in the past; time passing is what moves it there.
    await db().savingsGroup.update({ where: { id: group.id }, data: { deadline: new Date(yesterday) } });
    const closed = await rejectionOf(contribute(group.id, owner, '1.00'), DomainError);
    expect({ code: closed.code, status: closed.details['status'] }).toEqual({ code: 'GROUP_CLOSED', status: 'DEADLINE_PASSED' });
  });

  it('leaves no contribution and no event behind when its transaction rolls back, and the next one takes its sequence', async () => {
    const { group, owner } = await groupWith(1);
    const failure = new Error('the rest of the transaction failed');
    const rolledBack = db().$transaction(async (tx) => {
      await contributeInTransaction(tx, group.id, owner, { amount: '25.00' });
      throw failure;
    });
    expect(await rejectionOf(rolledBack)).toBe(failure);
    const untouched = await reread(group.id);
    expect({ total: formatMoney(untouched.total), lastSequence: untouched.lastSequence }).toEqual({ total: '0.00', lastSequence: 0 });
    expect(await contributionsIn(group.id)).toEqual([]);
    expect(await eventRowsOf(group.id)).toEqual([]);

    await contribute(group.id, owner, '30.00');
    expect(await contributionsIn(group.id)).toEqual([{ sequence: 1, contributorId: owner, amount: '30.00', message: null }]);
    expect((await eventRowsOf(group.id)).map((event) => event.sequence)).toEqual([1]);
  });
});

describe('leaving', () => {
  it('passes ownership to the longest-standing remaining member when the owner leaves', async () => {
    const { group, owner, others } = await groupWith(3);
    const [first, second] = others as [number, number];
    expect(await leaveGroup(db(), group.id, owner)).toBe('left');
    expect((await reread(group.id)).ownerId).toBe(first);
    expect((await membersOf(db(), group.id)).map((member) => member.userId)).toEqual([first, second]);
    expect(await refusal(groupOfMember(db(), group.id, owner))).toEqual({ code: 'FORBIDDEN' });
  });

  it('keeps the owner when another member leaves', async () => {
    const { group, owner, others } = await groupWith(3);
    await leaveGroup(db(), group.id, others[0]!);
    expect((await reread(group.id)).ownerId).toBe(owner);
  });

  it("keeps the leaver's contributions in the group under their name, and the total as it was", async () => {
    const { group, owner, others } = await groupWith(2);
    const [leaver] = others as [number];
    await contribute(group.id, leaver, '40.00', 'Good luck!');
    await contribute(group.id, owner, '10.00');
    await leaveGroup(db(), group.id, leaver);
    expect(await contributionsIn(group.id)).toEqual([
      { sequence: 1, contributorId: leaver, amount: '40.00', message: 'Good luck!' },
      { sequence: 2, contributorId: owner, amount: '10.00', message: null },
    ]);
    expect(formatMoney((await reread(group.id)).total)).toBe('50.00');
    expect(await refusal(contribute(group.id, leaver, '1.00'))).toEqual({ code: 'FORBIDDEN' });
  });

  it('deletes the group when its last member leaves', async () => {
    const { group, owner, others } = await groupWith(2);
    await contribute(group.id, owner, '10.00');
    expect(await leaveGroup(db(), group.id, others[0]!)).toBe('left');
    expect(await leaveGroup(db(), group.id, owner)).toBe('group_deleted');
    expect(await db().savingsGroup.findUnique({ where: { id: group.id } })).toBeNull();
    expect(await groupsOf(db(), owner)).toEqual([]);
    expect(await refusal(joinGroup(db(), newUserId(), group.inviteCode))).toEqual({ code: 'NOT_FOUND' });
  });

  it('refuses a non-member with FORBIDDEN, changing nothing, and an unknown group with NOT_FOUND', async () => {
    const { group, owner } = await groupWith(1);
    expect(await refusal(leaveGroup(db(), group.id, newUserId()))).toEqual({ code: 'FORBIDDEN' });
    expect((await membersOf(db(), group.id)).map((member) => member.userId)).toEqual([owner]);
    expect(await refusal(leaveGroup(db(), NO_SUCH_GROUP, owner))).toEqual({ code: 'NOT_FOUND' });
  });
});

describe('progress and leaderboard', () => {
  it('ranks the largest total first and equal totals by who got there first, with the percent rounded down', async () => {
    const { group, owner, others } = await groupWith(3, { targetAmount: '300.00' });
    const [early, late] = others as [number, number];
    await contribute(group.id, owner, '30.00');
    await pause(5);
    await contribute(group.id, early, '50.00');
    await pause(5);
    await contribute(group.id, owner, '20.00');
    await pause(5);
    await contribute(group.id, late, '0.01');
    const progress = progressOf(await reread(group.id), await contributorSums(db(), group.id));
    const { total, percent, remaining, status } = progress;
    expect({ total: formatMoney(total), percent, remaining: formatMoney(remaining), status }).toEqual({
      total: '100.01',
      percent: 33.33,
      remaining: '199.99',
      status: 'OPEN',
    });
    // The owner also has 50.00, but reached it after `early` did.
    expect(
      progress.memberTotals.map(({ rank, contributorId, total, contributions }) => [
        rank,
        contributorId,
        formatMoney(total),
        contributions,
      ]),
    ).toEqual([
      [1, early, '50.00', 1],
      [2, owner, '50.00', 2],
      [3, late, '0.01', 1],
    ]);
  });

  it('shows a reached group at 100% or more with nothing remaining', async () => {
    const { group, owner } = await groupWith(1, { targetAmount: '80.00' });
    await contribute(group.id, owner, '100.00');
    const progress = progressOf(await reread(group.id), await contributorSums(db(), group.id));
    expect({ percent: progress.percent, remaining: formatMoney(progress.remaining), status: progress.status }).toEqual({
      percent: 125,
      remaining: '0.00',
      status: 'TARGET_REACHED',
    });
  });
});

describe('the event log a subscription resumes from', () => {
  async function groupWithContributions(amounts: string[]) {
    const { group, owner } = await groupWith(1);
    for (const amount of amounts) await contribute(group.id, owner, amount);
    return reread(group.id);
  }
  const shown = (events: Awaited<ReturnType<typeof eventsAfter>>) =>
    events.map(({ sequence, contribution, progress }) => ({
      sequence,
      amount: formatMoney(contribution.amount),
      total: formatMoney(progress.total),
      percent: progress.percent,
      targetReached: progress.targetReached,
    }));

  it('replays exactly the events after the one given, in order, each with the progress it brought', async () => {
    const group = await groupWithContributions(['100.00', '250.00', '650.00']);
    expect(shown(await eventsAfter(db(), group, 1, 100))).toEqual([
      { sequence: 2, amount: '250.00', total: '350.00', percent: 35, targetReached: false },
      { sequence: 3, amount: '650.00', total: '1000.00', percent: 100, targetReached: true },
    ]);
    expect((await eventsAfter(db(), group, 0, 2)).map((event) => event.sequence)).toEqual([1, 2]);
    expect(await eventsAfter(db(), group, 3, 100)).toEqual([]);
  });

  it('refuses with BAD_USER_INPUT a sequence ahead of the group or below 0', async () => {
    const group = await groupWithContributions(['10.00', '20.00']);
    expect(await refusal(eventsAfter(db(), group, 3, 100))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await refusal(eventsAfter(db(), group, -1, 100))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('answers EVENTS_EXPIRED with the oldest sequence it still keeps once the events asked for are pruned', async () => {
    const group = await groupWithContributions(['10.00', '20.00', '30.00', '40.00']);
    // What pruning does to this group, without pruning the shared schema under other test files.
    await db().groupEvent.deleteMany({ where: { groupId: group.id, sequence: { lte: 2 } } });
    for (const after of [0, 1]) {
      const expired = await rejectionOf(eventsAfter(db(), group, after, 100), DomainError);
      expect({ code: expired.code, oldestSequence: expired.details['oldestSequence'] }).toEqual({
        code: 'EVENTS_EXPIRED',
        oldestSequence: 3,
      });
    }
    expect((await eventsAfter(db(), group, 2, 100)).map((event) => event.sequence)).toEqual([3, 4]);
  });
});
