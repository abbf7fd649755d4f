// How far a savings group is, as its members see it (status, percent, what is missing, the
// leaderboard), and the rules its deadline and contribution messages follow.
import { DomainError } from '@ledgerline/service-runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { thrownBy } from '../../../test/support/thrown.js';
import { formatCalendarDate } from '../src/calendarDate.js';
import { leaderboardOf, percentOf, remainingOf, statusOf, type ContributorSum } from '../src/groups/groupProgress.js';
import { contributionMessage, deadline, inviteCodeToLookUp, MAX_INVITE_CODE_LENGTH, newInviteCode } from '../src/groups/groupRules.js';
import { formatMoney, Money } from '../src/money.js';

function refusal(check: () => unknown): { message: string; code: string; field: unknown } {
  const { message, code, details } = thrownBy(check, DomainError);
  return { message, code, field: details['field'] };
}

const day = (text: string) => new Date(`${text}T00:00:00.000Z`);

describe('statusOf', () => {
  const open = { targetAmount: new Money('1000.00'), deadline: day('2026-11-25'), targetReachedAt: null };

  it('is TARGET_REACHED once a contribution reached the target, even after the deadline', () => {
    const reached = { ...open, targetReachedAt: new Date('2026-11-20T10:00:00Z') };
    expect(statusOf(reached, new Date('2026-11-20T10:00:01Z'))).toBe('TARGET_REACHED');
    expect(statusOf(reached, new Date('2027-01-01T00:00:00Z'))).toBe('TARGET_REACHED');
  });

  it('stays OPEN through the last millisecond of the deadline day, a day in UTC', () => {
    expect(statusOf(open, new Date('2026-11-25T00:00:00.000Z'))).toBe('OPEN');
    expect(statusOf(open, new Date('2026-11-25T23:59:59.999Z'))).toBe('OPEN');
    // Still the 25th in New York, already the 26th in UTC: the deadline is a UTC day.
    expect(statusOf(open, new Date('2026-11-25T20:00:00-05:00'))).toBe('DEADLINE_PASSED');
  });

  it('is DEADLINE_PASSED from the day after the deadline', () => {
    expect(statusOf(open, new Date('2026-11-26T00:00:00.000Z'))).toBe('DEADLINE_PASSED');
  });
});

describe('percentOf', () => {
  const percent = (total: string, target: string) => percentOf(new Money(total), new Money(target));

  it('rounds down to two decimals, so a group one cent short never shows 100', () => {
    expect(percent('2.00', '3.00')).toBe(66.66);
    expect(percent('99999.99', '100000.00')).toBe(99.99);
    expect(percent('999999999999.98', '999999999999.99')).toBe(99.99);
    expect(percent('0.01', '1000000.00')).toBe(0);
  });

  it('is exactly 100 at the target and passes 100 beyond it', () => {
    expect(percent('1000.00', '1000.00')).toBe(100);
    expect(percent('1500.50', '1000.00')).toBe(150.05);
  });

  it('is 0 before anyone contributed', () => {
    expect(percent('0', '250.00')).toBe(0);
  });
});

describe('remainingOf', () => {
  it('is what the total still lacks, to the cent', () => {
    expect(formatMoney(remainingOf(new Money('0.30'), new Money('1000.00')))).toBe('999.70');
  });

  it('is zero, never negative, once the total reached or passed the target', () => {
    expect(formatMoney(remainingOf(new Money('1000.00'), new Money('1000.00')))).toBe('0.00');
    expect(formatMoney(remainingOf(new Money('1200.00'), new Money('1000.00')))).toBe('0.00');
  });
});

describe('leaderboardOf', () => {
  const sum = (contributorId: number | null, total: string, lastContributionAt: string, contributions = 1): ContributorSum => ({
    contributorId,
    total: new Money(total),
    contributions,
    lastContributionAt: new Date(lastContributionAt),
  });
  const places = (sums: ContributorSum[]) =>
    leaderboardOf(sums).map(({ rank, contributorId, total, contributions }) => ({
      rank,
      contributorId,
      total: formatMoney(total),
      contributions,
    }));

  it('ranks the largest total first, comparing amounts exactly rather than as text', () => {
    const sums = [
      sum(1, '9.99', '2026-11-01T10:00:00Z'),
      sum(2, '100.00', '2026-11-01T11:00:00Z', 3),
      sum(3, '10.00', '2026-11-01T12:00:00Z'),
    ];
    expect(places(sums)).toEqual([
      { rank: 1, contributorId: 2, total: '100.00', contributions: 3 },
      { rank: 2, contributorId: 3, total: '10.00', contributions: 1 },
      { rank: 3, contributorId: 1, total: '9.99', contributions: 1 },
    ]);
  });

  it('ranks equal totals by who got there first, each with a rank of its own', () => {
    const sums = [
      sum(1, '50.00', '2026-11-02T09:00:00Z'),
      sum(2, '50.00', '2026-11-01T09:00:00Z'),
      sum(3, '50.00', '2026-11-03T09:00:00Z'),
    ];
    expect(places(sums).map(({ rank, contributorId }) => [rank, contributorId])).toEqual([
      [1, 2],
      [2, 1],
      [3, 3],
    ]);
  });

  it('ranks the deleted accounts, counted together under null, like any contributor', () => {
    const sums = [sum(7, '20.00', '2026-11-01T09:00:00Z'), sum(null, '35.00', '2026-11-01T08:00:00Z', 4)];
    expect(places(sums)).toEqual([
      { rank: 1, contributorId: null, total: '35.00', contributions: 4 },
      { rank: 2, contributorId: 7, total: '20.00', contributions: 1 },
    ]);
  });

  it('is empty for a group nobody contributed to', () => {
    expect(leaderboardOf([])).toEqual([]);
  });
});

describe('contributionMessage', () => {
  it('stores the message trimmed', () => {
    expect(contributionMessage('message', '  For the boat!  ')).toBe('For the boat!');
  });

  it.each(['For the\nboat', 'For the boat!\u0000', '\u009b31m'])('refuses %j for its control character, naming the field', (value) => {
    expect(refusal(() => contributionMessage('message', value))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'message' });
  });

  it.each([undefined, null, '', '   '])('stores %j as no message', (value) => {
    expect(contributionMessage('message', value)).toBeNull();
  });

  it('accepts 280 characters, counted after trimming, and refuses 281', () => {
    expect(contributionMessage('message', ` ${'x'.repeat(280)} `)).toBe('x'.repeat(280));
    expect(refusal(() => contributionMessage('message', 'x'.repeat(281)))).toEqual({
      message: 'message: must be at most 280 characters',
      code: 'BAD_USER_INPUT',
      field: 'message',
    });
  });

  it.each([42, ['hi'], { text: 'hi' }])('refuses %j, which is not a string', (value) => {
    expect(refusal(() => contributionMessage('message', value))).toEqual({
      message: 'message: must be a string',
      code: 'BAD_USER_INPUT',
      field: 'message',
    });
  });
});

describe('deadline', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const at = (instant: string) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(instant));
  };

  it('accepts today (UTC) and later as a calendar day', () => {
    at('2026-11-25T23:59:59.999Z');
    expect(formatCalendarDate(deadline('deadline', '2026-11-25'))).toBe('2026-11-25');
    expect(formatCalendarDate(deadline('deadline', '2027-06-30'))).toBe('2027-06-30');
  });

  it('refuses a day already over in UTC, even where it is still that day locally', () => {
    at('2026-11-25T20:00:00-05:00');
    expect(refusal(() => deadline('deadline', '2026-11-25'))).toEqual({
      message: 'deadline: must be today or later',
      code: 'BAD_USER_INPUT',
      field: 'deadline',
    });
  });

  it('refuses what is not a calendar day, naming the field', () => {
    at('2026-11-25T12:00:00Z');
    expect(refusal(() => deadline('deadline', '2026-02-30'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deadline' });
  });
});

describe('newInviteCode', () => {
  it('makes URL-safe codes short enough to look up and never the same twice', () => {
    const codes = Array.from({ length: 1000 }, newInviteCode);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Za-z0-9_-]{20}$/);
      expect(code.length).toBeLessThanOrEqual(MAX_INVITE_CODE_LENGTH);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('inviteCodeToLookUp', () => {
  it('looks up the code trimmed, and nothing for a code that cannot have been issued', () => {
    expect(inviteCodeToLookUp('inviteCode', ' abc ')).toBe('abc');
    expect(inviteCodeToLookUp('inviteCode', '  ')).toBeNull();
    expect(inviteCodeToLookUp('inviteCode', 'x'.repeat(MAX_INVITE_CODE_LENGTH + 1))).toBeNull();
    expect(inviteCodeToLookUp('inviteCode', null)).toBeNull();
  });

  it('refuses a control character, naming the field', () => {
    expect(refusal(() => inviteCodeToLookUp('inviteCode', 'abc\u0000'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'inviteCode' });
  });
});
