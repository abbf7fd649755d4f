// The Finance service's savings-goal routes of the original REST design.
import { z } from 'zod';
import { amountField, amountOf, dateField, dateOf, idOf } from './fields.js';
import { financeRecordRoutes, ownUserIdField } from './financeRecordRoutes.js';
import { CreateSavingsGoalOperation, SavingsGoalsOperation } from './operations/finance.js';
import { recordsOfUser } from './recordsOfUser.js';
import { amountFromMoney, idFromGraphQL, moneyFromAmount } from './scalars.js';

export const savingsRoutes = financeRecordRoutes({
  path: '/savings',
  operationIds: { add: 'setSavingsGoal', list: 'listSavingsGoals' },
  summaries: { add: 'Set a savings goal', list: 'A user’s savings goals' },
  listOrder: 'soonest target date first',
  request: z
    .object({
      userId: ownUserIdField(),
      goal: amountField('The amount to save.'),
      targetDate: dateField('The date by which to have saved it.'),
    })
    .meta({ id: 'SavingsGoalRequest' }),
  added: {
    description: 'The savings goal was set.',
    message: 'Savings goal set successfully',
    idKey: 'savingsId',
    schemaId: 'SavingsGoalSet',
  },
  listed: {
    key: 'savingsGoals',
    item: z
      .strictObject({
        savingsId: idOf('The savings goal’s id.'),
        goal: amountOf('The amount to save.'),
        targetDate: dateOf('The date by which to have saved it.'),
      })
      .meta({ id: 'SavingsGoal' }),
    schemaId: 'SavingsGoalList',
    description: 'Every savings goal of the user.',
  },
  add: async ({ goal, targetDate }, run) =>
    (await run(CreateSavingsGoalOperation, { goal: moneyFromAmount(goal), targetDate })).createSavingsGoal.id,
  list: (userId, run) => recordsOfUser(run, SavingsGoalsOperation, (user) => user.savingsGoals, userId),
  toItem: ({ id, goal, targetDate }) => ({ savingsId: idFromGraphQL(id), goal: amountFromMoney(goal), targetDate }),
});
