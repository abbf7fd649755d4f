// The Finance service's income routes of the original REST design.
import { z } from 'zod';
import { amountField, amountOf, dateField, dateOf, idOf, textField } from './fields.js';
import { financeRecordRoutes, ownUserIdField } from './financeRecordRoutes.js';
import { AddIncomeOperation, IncomesOperation } from './operations/finance.js';
import { recordsOfUser } from './recordsOfUser.js';
import { amountFromMoney, idFromGraphQL, moneyFromAmount } from './scalars.js';

export const incomeRoutes = financeRecordRoutes({
  path: '/income',
  operationIds: { add: 'addIncome', list: 'listIncomes' },
  summaries: { add: 'Add an income record', list: 'All income records of a user' },
  listOrder: 'newest first',
  request: z
    .object({
      userId: ownUserIdField(),
      amount: amountField('How much was received.'),
      source: textField('Where it came from, 1 to 200 characters.', 'Salary'),
      date: dateField('When it was received.'),
    })
    .meta({ id: 'IncomeRequest' }),
  added: { description: 'The income was recorded.', message: 'Income added successfully', idKey: 'incomeId', schemaId: 'IncomeAdded' },
  listed: {
    key: 'incomes',
    item: z
      .strictObject({
        incomeId: idOf('The income’s id.'),
        amount: amountOf('How much was received.'),
        source: z.string().meta({ example: 'Salary' }),
        date: dateOf('When it was received.'),
      })
      .meta({ id: 'Income' }),
    schemaId: 'IncomeList',
    description: 'Every income of the user.',
  },
  add: async ({ amount, source, date }, run) =>
    (await run(AddIncomeOperation, { amount: moneyFromAmount(amount), source, date })).addIncome.id,
  list: (userId, run) => recordsOfUser(run, IncomesOperation, (user) => user.incomes, userId),
  toItem: ({ id, amount, source, date }) => ({ incomeId: idFromGraphQL(id), amount: amountFromMoney(amount), source, date }),
});
