// The Finance service's savings-goal routes of the original REST design.
import { z } from 'zod';
import { amountField, amountOf, dateField, dateOf, idField, idInPath, idOf } from './fields.js';
import { recordsOfUser } from './recordsOfUser.js';
import { defineRoute } from './restRoute.js';
import { amountFromMoney, idFromGraphQL, moneyFromAmount } from './scalars.js';

const CREATE_SAVINGS_GOAL = /* GraphQL */ `
  mutation RestCreateSavingsGoal($goal: Money!, $targetDate: Date!) {
    createSavingsGoal(goal: $goal, targetDate: $targetDate) { id }
  }`;
const SAVINGS_GOALS = /* GraphQL */ `
  query RestSavingsGoals($userId: ID!, $limit: Int!, $offset: Int!) {
    user(id: $userId) { savingsGoals(limit: $limit, offset: $offset) { id goal targetDate } }
  }`;

interface SavingsGoal {
  id: string;
  goal: string;
  targetDate: string;
}

const setSavingsGoal = defineRoute({
  method: 'post',
  path: '/savings',
  operationId: 'setSavingsGoal',
  tag: 'Finance',
  summary: 'Set a savings goal',
  auth: 'bearer',
  body: z
    .object({
      userId: idField('Your own user id; another user’s answers 403.'),
      goal: amountField('The amount to save.'),
      targetDate: dateField('The date by which to have saved it.'),
    })
    .meta({ id: 'SavingsGoalRequest' }),
  ownerOf: (body) => body.userId,
  success: {
    status: 201,
    description: 'The savings goal was set.',
    schema: z
      .strictObject({ message: z.literal('Savings goal set successfully'), savingsId: idOf('The new savings goal’s id.') })
      .meta({ id: 'SavingsGoalSet' }),
  },
  errors: ['FORBIDDEN'],
  async respond({ body }, run) {
    const { createSavingsGoal } = await run<{ createSavingsGoal: { id: string } }>(CREATE_SAVINGS_GOAL, {
      goal: moneyFromAmount(body.goal),
      targetDate: body.targetDate,
    });
    return { message: 'Savings goal set successfully', savingsId: idFromGraphQL(createSavingsGoal.id) } as const;
  },
});

const listSavingsGoals = defineRoute({
  method: 'get',
  path: '/savings/{userId}',
  operationId: 'listSavingsGoals',
  tag: 'Finance',
  summary: 'A user’s savings goals',
  description: 'Your own goals only, soonest target date first.',
  auth: 'bearer',
  params: z.object({ userId: idInPath('Your own user id; another user’s answers 403.') }),
  success: {
    status: 200,
    description: 'Every savings goal of the user.',
    schema: z
      .strictObject({
        savingsGoals: z.array(
          z
            .strictObject({
              savingsId: idOf('The savings goal’s id.'),
              goal: amountOf('The amount to save.'),
              targetDate: dateOf('The date by which to have saved it.'),
            })
            .meta({ id: 'SavingsGoal' }),
        ),
      })
      .meta({ id: 'SavingsGoalList' }),
  },
  errors: ['FORBIDDEN', 'NOT_FOUND'],
  async respond({ params }, run) {
    const goals = await recordsOfUser<SavingsGoal>(run, SAVINGS_GOALS, 'savingsGoals', params.userId);
    return {
      savingsGoals: goals.map((goal) => ({
        savingsId: idFromGraphQL(goal.id),
        goal: amountFromMoney(goal.goal),
        targetDate: goal.targetDate,
      })),
    };
  },
});

export const savingsRoutes = [setSavingsGoal, listSavingsGoals];
