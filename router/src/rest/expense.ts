// The Finance service's expense routes of the original REST design.
import { z } from 'zod';
import { amountField, amountOf, dateField, dateOf, idField, idInPath, idOf, textField } from './fields.js';
import { recordsOfUser } from './recordsOfUser.js';
import { defineRoute } from './restRoute.js';
import { amountFromMoney, idFromGraphQL, moneyFromAmount } from './scalars.js';

const ADD_EXPENSE = /* GraphQL */ `
  mutation RestAddExpense($amount: Money!, $category: String!, $date: Date!) {
    addExpense(amount: $amount, category: $category, date: $date) { id }
  }`;
const EXPENSES = /* GraphQL */ `
  query RestExpenses($userId: ID!, $limit: Int!, $offset: Int!) {
    user(id: $userId) { expenses(limit: $limit, offset: $offset) { id amount category date } }
  }`;

interface Expense {
  id: string;
  amount: string;
  category: string;
  date: string;
}

const addExpense = defineRoute({
  method: 'post',
  path: '/expense',
  operationId: 'addExpense',
  tag: 'Finance',
  summary: 'Add an expense',
  auth: 'bearer',
  body: z
    .object({
      userId: idField('Your own user id; another user’s answers 403.'),
      amount: amountField('How much was spent.'),
      category: textField('What it was spent on, 1 to 100 characters.', 'Groceries'),
      date: dateField('When it was spent.'),
    })
    .meta({ id: 'ExpenseRequest' }),
  ownerOf: (body) => body.userId,
  success: {
    status: 201,
    description: 'The expense was recorded.',
    schema: z
      .strictObject({ message: z.literal('Expense added successfully'), expenseId: idOf('The new expense’s id.') })
      .meta({ id: 'ExpenseAdded' }),
  },
  errors: ['FORBIDDEN'],
  async respond({ body }, run) {
    const { addExpense } = await run<{ addExpense: { id: string } }>(ADD_EXPENSE, {
      amount: moneyFromAmount(body.amount),
      category: body.category,
      date: body.date,
    });
    return { message: 'Expense added successfully', expenseId: idFromGraphQL(addExpense.id) } as const;
  },
});

const listExpenses = defineRoute({
  method: 'get',
  path: '/expense/{userId}',
  operationId: 'listExpenses',
  tag: 'Finance',
  summary: 'All expense records of a user',
  description: 'Your own records only, newest first.',
  auth: 'bearer',
  params: z.object({ userId: idInPath('Your own user id; another user’s answers 403.') }),
  success: {
    status: 200,
    description: 'Every expense of the user.',
    schema: z
      .strictObject({
        expenses: z.array(
          z
            .strictObject({
              expenseId: idOf('The expense’s id.'),
              amount: amountOf('How much was spent.'),
              category: z.string().meta({ example: 'Groceries' }),
              date: dateOf('When it was spent.'),
            })
            .meta({ id: 'Expense' }),
        ),
      })
      .meta({ id: 'ExpenseList' }),
  },
  errors: ['FORBIDDEN', 'NOT_FOUND'],
  async respond({ params }, run) {
    const expenses = await recordsOfUser<Expense>(run, EXPENSES, 'expenses', params.userId);
    return {
      expenses: expenses.map((expense) => ({
        expenseId: idFromGraphQL(expense.id),
        amount: amountFromMoney(expense.amount),
        category: expense.category,
        date: expense.date,
      })),
    };
  },
});

export const expenseRoutes = [addExpense, listExpenses];
