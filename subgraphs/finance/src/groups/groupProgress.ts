// How far a savings group is: its status, its percentage, its leaderboard. Pure functions of the
// rows, so the GraphQL fields and the events compute them alike.
import { Prisma } from '../generated/prisma/client.js';
import { ZERO, type Money } from '../money.js';
import { todayUtc } from './groupRules.js';

export type SavingsGroupStatus = 'OPEN' | 'TARGET_REACHED' | 'DEADLINE_PASSED';

export interface GroupState {
  targetAmount: Money;
  deadline: Date;
  targetReachedAt: Date | null;
}

/** Closed once a contribution reached the target, or once the deadline day (UTC) is over. */
export function statusOf(group: GroupState, now = new Date()): SavingsGroupStatus {
  if (group.targetReachedAt !== null) return 'TARGET_REACHED';
  return group.deadline < todayUtc(now) ? 'DEADLINE_PASSED' : 'OPEN';
}

/** total / target as a percentage, rounded down to two decimals, so 99.999% never shows as 100. */
export function percentOf(total: Money, target: Money): number {
  return total.mul(100).div(target).toDecimalPlaces(2, Prisma.Decimal.ROUND_DOWN).toNumber();
}

export function remainingOf(total: Money, target: Money): Money {
  return Prisma.Decimal.max(ZERO, target.sub(total));
}

export interface ContributorSum {
  contributorId: number | null;
  total: Money;
  contributions: number;
  /** When this contributor's total was last raised: the earlier of two equal totals ranks first. */
  lastContributionAt: Date;
}

export interface ContributorTotal {
  rank: number;
  contributorId: number | null;
  total: Money;
  contributions: number;
}

/** Largest total first; equal totals rank by who got there first, and share nothing else. */
export function leaderboardOf(sums: ContributorSum[]): ContributorTotal[] {
  return [...sums]
    .sort((a, b) => b.total.comparedTo(a.total) || a.lastContributionAt.getTime() - b.lastContributionAt.getTime())
    .map(({ contributorId, total, contributions }, index) => ({ rank: index + 1, contributorId, total, contributions }));
}

export interface SavingsGroupProgress {
  total: Money;
  target: Money;
  percent: number;
  remaining: Money;
  status: SavingsGroupStatus;
  memberTotals: ContributorTotal[];
}

export function progressOf(group: GroupState & { total: Money }, sums: ContributorSum[]): SavingsGroupProgress {
  const { total, targetAmount: target } = group;
  return {
    total,
    target,
    percent: percentOf(total, target),
    remaining: remainingOf(total, target),
    status: statusOf(group),
    memberTotals: leaderboardOf(sums),
  };
}
