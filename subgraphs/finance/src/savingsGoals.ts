// A user's savings goals: an amount to have saved by a target date.
import type { FinanceDatabase } from './db.js';
import type { SavingsGoal } from './generated/prisma/client.js';
import type { Money } from './money.js';
import { changeOwnRecord } from './ownership.js';
import { checkedDateRange, checkedPage, dateRangeFilter, positiveAmount, type DateRange, type Page } from './recordRules.js';

export interface SavingsGoalInput {
  goal: Money;
  targetDate: Date;
}

export function createSavingsGoal(db: FinanceDatabase, userId: number, input: SavingsGoalInput): Promise<SavingsGoal> {
  return db.savingsGoal.create({
    data: { userId, goal: positiveAmount('goal', input.goal), targetDate: input.targetDate },
  });
}

export async function updateSavingsGoal(
  db: FinanceDatabase,
  userId: number,
  id: number,
  changes: Partial<SavingsGoalInput>,
): Promise<SavingsGoal> {
  const data = {
    ...(changes.goal ? { goal: positiveAmount('goal', changes.goal) } : {}),
    ...(changes.targetDate ? { targetDate: changes.targetDate } : {}),
  };
  return changeOwnRecord(
    'savings goal',
    userId,
    () => db.savingsGoal.update({ where: { id, userId }, data }),
    () => db.savingsGoal.findUnique({ where: { id }, select: { userId: true } }),
  );
}

export async function deleteSavingsGoal(db: FinanceDatabase, userId: number, id: number): Promise<number> {
  await changeOwnRecord(
    'savings goal',
    userId,
    () => db.savingsGoal.delete({ where: { id, userId } }),
    () => db.savingsGoal.findUnique({ where: { id }, select: { userId: true } }),
  );
  return id;
}

export function listSavingsGoals(
  db: FinanceDatabase,
  userId: number,
  filter: DateRange & Partial<Page>,
): Promise<SavingsGoal[]> {
  const { limit, offset } = checkedPage(filter);
  return db.savingsGoal.findMany({
    where: { userId, targetDate: dateRangeFilter(checkedDateRange(filter)) },
    orderBy: [{ targetDate: 'asc' }, { id: 'asc' }],
    take: limit,
    skip: offset,
  });
}
