// The Finance service's expense routes of the original REST design.
import { z } from 'zod';
import { amountField, amountOf, dateField, dateOf, idOf, textField } from './fields.js';
import { financeRecordRoutes, ownUserIdField } from './financeRecordRoutes.js';
import { AddExpenseOperation, ExpensesOperation } from './operations/finance.js';
import { recordsOfUser } from './recordsOfUser.js';
import { amountFromMoney, idFromGraphQL, moneyFromAmount } from './scalars.js';

export const expenseRoutes = financeRecordRoutes({
  path: '/expense',
  operationIds: { add: 'addExpense', list: 'listExpenses' },
  summaries: { add: 'Add an expense', list: 'All expense records of a user' },
  listOrder: 'newest first',
  request: z
    .object({
      userId: ownUserIdField(),
      amount: amountField('How much was spent.'),
      category: textField('What it was spent on, 1 to 100 characters.', 'Groceries'),
      date: dateField('When it was spent.'),
    })
    .meta({ id: 'ExpenseRequest' }),
  added: { description: 'The expense was recorded.', message: 'Expense added successfully', idKey: 'expenseId', schemaId: 'ExpenseAdded' },
  listed: {
    key: 'expenses',
    item: z
      .strictObject({
        expenseId: idOf('The expense’s id.'),
        amount: amountOf('How much was spent.'),
        category: z.string().meta({ example: 'Groceries' }),
        date: dateOf('When it was spent.'),
      })
      .meta({ id: 'Expense' }),
    schemaId: 'ExpenseList',
    description: 'Every expense of the user.',
  },
  add: async ({ amount, category, date }, run) =>
    (await run(AddExpenseOperation, { amount: moneyFromAmount(amount), category, date })).addExpense.id,
  list: (userId, run) => recordsOfUser(run, ExpensesOperation, (user) => user.expenses, userId),
  toItem: ({ id, amount, category, date }) => ({ expenseId: idFromGraphQL(id), amount: amountFromMoney(amount), category, date }),
});
