// The Finance service's income routes of the original REST design.
import { z } from 'zod';
import { amountField, amountOf, dateField, dateOf, idField, idInPath, idOf, textField } from './fields.js';
import { recordsOfUser } from './recordsOfUser.js';
import { defineRoute } from './restRoute.js';
import { amountFromMoney, idFromGraphQL, moneyFromAmount } from './scalars.js';

const ADD_INCOME = /* GraphQL */ `
  mutation RestAddIncome($amount: Money!, $source: String!, $date: Date!) {
    addIncome(amount: $amount, source: $source, date: $date) { id }
  }`;
const INCOMES = /* GraphQL */ `
  query RestIncomes($userId: ID!, $limit: Int!, $offset: Int!) {
    user(id: $userId) { incomes(limit: $limit, offset: $offset) { id amount source date } }
  }`;

interface Income {
  id: string;
  amount: string;
  source: string;
  date: string;
}

const addIncome = defineRoute({
  method: 'post',
  path: '/income',
  operationId: 'addIncome',
  tag: 'Finance',
  summary: 'Add an income record',
  auth: 'bearer',
  body: z
    .object({
      userId: idField('Your own user id; another user’s answers 403.'),
      amount: amountField('How much was received.'),
      source: textField('Where it came from, 1 to 200 characters.', 'Salary'),
      date: dateField('When it was received.'),
    })
    .meta({ id: 'IncomeRequest' }),
  ownerOf: (body) => body.userId,
  success: {
    status: 201,
    description: 'The income was recorded.',
    schema: z
      .strictObject({ message: z.literal('Income added successfully'), incomeId: idOf('The new income’s id.') })
      .meta({ id: 'IncomeAdded' }),
  },
  errors: ['FORBIDDEN'],
  async respond({ body }, run) {
    const { addIncome } = await run<{ addIncome: { id: string } }>(ADD_INCOME, {
      amount: moneyFromAmount(body.amount),
      source: body.source,
      date: body.date,
    });
    return { message: 'Income added successfully', incomeId: idFromGraphQL(addIncome.id) } as const;
  },
});

const listIncomes = defineRoute({
  method: 'get',
  path: '/income/{userId}',
  operationId: 'listIncomes',
  tag: 'Finance',
  summary: 'All income records of a user',
  description: 'Your own records only, newest first.',
  auth: 'bearer',
  params: z.object({ userId: idInPath('Your own user id; another user’s answers 403.') }),
  success: {
    status: 200,
    description: 'Every income of the user.',
    schema: z
      .strictObject({
        incomes: z.array(
          z
            .strictObject({
              incomeId: idOf('The income’s id.'),
              amount: amountOf('How much was received.'),
              source: z.string().meta({ example: 'Salary' }),
              date: dateOf('When it was received.'),
            })
            .meta({ id: 'Income' }),
        ),
      })
      .meta({ id: 'IncomeList' }),
  },
  errors: ['FORBIDDEN', 'NOT_FOUND'],
  async respond({ params }, run) {
    const incomes = await recordsOfUser<Income>(run, INCOMES, 'incomes', params.userId);
    return {
      incomes: incomes.map((income) => ({
        incomeId: idFromGraphQL(income.id),
        amount: amountFromMoney(income.amount),
        source: income.source,
        date: income.date,
      })),
    };
  },
});

export const incomeRoutes = [addIncome, listIncomes];
