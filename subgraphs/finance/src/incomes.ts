// A user's incomes: the rules for adding, changing, deleting and listing them.
import type { FinanceDatabase } from './db.js';
import type { Income } from './generated/prisma/client.js';
import type { Money } from './money.js';
import { changeOwnRecord } from './ownership.js';
import { checkedDateRange, checkedPage, dateRangeFilter, positiveAmount, requiredText, type DateRange, type Page } from './recordRules.js';

const MAX_SOURCE_LENGTH = 200;

export interface IncomeInput {
  amount: Money;
  source: string;
  date: Date;
}

export function addIncome(db: FinanceDatabase, userId: number, input: IncomeInput): Promise<Income> {
  return db.income.create({
    data: {
      userId,
      amount: positiveAmount('amount', input.amount),
      source: requiredText('source', input.source, MAX_SOURCE_LENGTH),
      date: input.date,
    },
  });
}

export async function updateIncome(
  db: FinanceDatabase,
  userId: number,
  id: number,
  changes: Partial<IncomeInput>,
): Promise<Income> {
  const data = {
    ...(changes.amount ? { amount: positiveAmount('amount', changes.amount) } : {}),
    ...(changes.source != null ? { source: requiredText('source', changes.source, MAX_SOURCE_LENGTH) } : {}),
    ...(changes.date ? { date: changes.date } : {}),
  };
  return changeOwnRecord(
    'income',
    userId,
    () => db.income.update({ where: { id, userId }, data }),
    () => db.income.findUnique({ where: { id }, select: { userId: true } }),
  );
}

export async function deleteIncome(db: FinanceDatabase, userId: number, id: number): Promise<number> {
  await changeOwnRecord(
    'income',
    userId,
    () => db.income.delete({ where: { id, userId } }),
    () => db.income.findUnique({ where: { id }, select: { userId: true } }),
  );
  return id;
}

export function listIncomes(
  db: FinanceDatabase,
  userId: number,
  filter: DateRange & Partial<Page>,
): Promise<Income[]> {
  const { limit, offset } = checkedPage(filter);
  return db.income.findMany({
    where: { userId, date: dateRangeFilter(checkedDateRange(filter)) },
    orderBy: [{ date: 'desc' }, { id: 'desc' }],
    take: limit,
    skip: offset,
  });
}
