// A user's expenses: the rules for adding, changing, deleting and listing them.
import type { FinanceDatabase } from './db.js';
import type { Expense } from './generated/prisma/client.js';
import type { Money } from './money.js';
import { changeOwnRecord } from './ownership.js';
import { checkedDateRange, checkedPage, dateRangeFilter, positiveAmount, requiredText, type DateRange, type Page } from './recordRules.js';

const MAX_CATEGORY_LENGTH = 100;

export interface ExpenseInput {
  amount: Money;
  category: string;
  date: Date;
}

export function addExpense(db: FinanceDatabase, userId: number, input: ExpenseInput): Promise<Expense> {
  return db.expense.create({
    data: {
      userId,
      amount: positiveAmount('amount', input.amount),
      category: requiredText('category', input.category, MAX_CATEGORY_LENGTH),
      date: input.date,
    },
  });
}

export async function updateExpense(
  db: FinanceDatabase,
  userId: number,
  id: number,
  changes: Partial<ExpenseInput>,
): Promise<Expense> {
  const data = {
    ...(changes.amount ? { amount: positiveAmount('amount', changes.amount) } : {}),
    ...(changes.category != null ? { category: requiredText('category', changes.category, MAX_CATEGORY_LENGTH) } : {}),
    ...(changes.date ? { date: changes.date } : {}),
  };
  return changeOwnRecord(
    'expense',
    userId,
    () => db.expense.update({ where: { id, userId }, data }),
    () => db.expense.findUnique({ where: { id }, select: { userId: true } }),
  );
}

export async function deleteExpense(db: FinanceDatabase, userId: number, id: number): Promise<number> {
  await changeOwnRecord(
    'expense',
    userId,
    () => db.expense.delete({ where: { id, userId } }),
    () => db.expense.findUnique({ where: { id }, select: { userId: true } }),
  );
  return id;
}

export function listExpenses(
  db: FinanceDatabase,
  userId: number,
  filter: DateRange & Partial<Page> & { category?: string | null },
): Promise<Expense[]> {
  const { limit, offset } = checkedPage(filter);
  const category = filter.category == null ? {} : { category: requiredText('category', filter.category, MAX_CATEGORY_LENGTH) };
  return db.expense.findMany({
    where: { userId, date: dateRangeFilter(checkedDateRange(filter)), ...category },
    orderBy: [{ date: 'desc' }, { id: 'desc' }],
    take: limit,
    skip: offset,
  });
}
