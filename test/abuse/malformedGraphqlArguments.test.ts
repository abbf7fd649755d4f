// Every argument of the router's API schema (root fields, nested fields such as the `category`
// filter, subscriptions) malformed in every way the suite generates (malformedValues.ts), sent as
// variables by the owner of the records it names, and /graphql requests malformed as a whole: no
// answer is a 5xx or INTERNAL_SERVER_ERROR, none goes unanswered, every refusal names the argument.
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientSchemaSdl } from '../../router/src/clientSchema.js';
import { recordAbuseCounts } from '../support/abuseCounts.js';
import { inBatches, sendRaw } from './abuseClient.js';
import { addRecordsOf, startAbuseStack, type AbuseStack } from './abuseStack.js';
import {
  judgeGraphqlErrors,
  judgeSubscriptionOutcome,
  judgeWholeRequestAnswer,
  Tally,
  unanswered,
  type GraphQLError,
} from './answerVerdicts.js';
import { graphqlArgumentCases, type ArgumentCase } from './graphqlArgumentCases.js';
import { malformedGraphqlRequests } from './malformedGraphqlRequests.js';
import { attemptSubscription } from './subscriptionAttempt.js';

let stack: AbuseStack;
const tally = new Tally();
let coordinatesCovered: string[] = [];
let stillAnswering: string;

async function sendArgumentCase(origin: string, token: string, argumentCase: ArgumentCase) {
  if (argumentCase.operation === 'subscription') {
    const outcome = await attemptSubscription(origin, token, argumentCase.query, argumentCase.variablesJson);
    return judgeSubscriptionOutcome(argumentCase.argument, outcome, argumentCase.mustBeRefused);
  }
  const answer = await sendRaw(origin, {
    method: 'POST',
    path: '/graphql',
    token,
    headers: { 'content-type': 'application/json' },
    body: `{"query":${JSON.stringify(argumentCase.query)},"variables":${argumentCase.variablesJson}}`,
  });
  if (!answer.answered) return unanswered(answer.error);
  const errors = (answer.body as { errors?: GraphQLError[] } | null)?.errors;
  return judgeGraphqlErrors(argumentCase.argument, errors, answer.status, argumentCase.mustBeRefused);
}

beforeAll(async () => {
  stack = await startAbuseStack();
  const { origin } = stack.router;
  const fields = graphqlArgumentCases(buildSchema(clientSchemaSdl()));
  coordinatesCovered = fields.map((field) => field.coordinate);
  // One account, with records of its own for each field's cases: each case changes one argument
  // only, and what an accepted one changes (a contribution, a deleted record) is no other field's baseline.
  const owner = await stack.router.register();
  const records = await inBatches(fields, 3, () => addRecordsOf(stack.router, owner));
  const cases = fields.flatMap((field, i) =>
    field.cases({ ...owner, ...records[i]! }).map((argumentCase) => ({ argumentCase, token: owner.token })),
  );
  // Subscriptions mostly wait (an accepted one answers nothing), so more of them go at once, beside the rest.
  const subscriptions = cases.filter(({ argumentCase }) => argumentCase.operation === 'subscription');
  const others = cases.filter(({ argumentCase }) => argumentCase.operation !== 'subscription');
  const send = async ({ argumentCase, token }: (typeof cases)[number]) => {
    tally.add(argumentCase.name, await sendArgumentCase(origin, token, argumentCase));
  };
  await Promise.all([inBatches(others, 6, send), inBatches(subscriptions, 10, send)]);
  await inBatches(malformedGraphqlRequests(), 4, async ({ label, request }) => {
    const answer = await sendRaw(origin, { ...request, token: owner.token });
    const judgement = answer.answered
      ? judgeWholeRequestAnswer(answer.status, (answer.body as { errors?: GraphQLError[] } | null)?.errors)
      : unanswered(answer.error);
    tally.add(`/graphql request: ${label}`, judgement);
  });
  const after = await stack.router.graphql('{ me { username incomes(limit: 1) { id } } }', {}, owner.token);
  stillAnswering = after.errors === undefined ? 'answering' : JSON.stringify(after.errors);
  recordAbuseCounts('malformed-graphql-arguments', {
    ...tally.counts(),
    crashes: tally.count('crash') + (stillAnswering === 'answering' ? 0 : 1),
  });
  if (tally.report() !== '') console.log(`Malformed GraphQL arguments answered wrongly:\n${tally.report()}`);
});

afterAll(async () => {
  await stack?.stop();
});

describe('malformed GraphQL arguments', () => {
  it('are generated for every argument of the schema, root and nested fields and subscriptions alike', () => {
    expect(coordinatesCovered).toEqual(
      expect.arrayContaining(['Query.user', 'Mutation.addIncome', 'Subscription.groupSavingsProgress', 'User.expenses']),
    );
    expect(tally.inputsTried).toBeGreaterThan(1_000);
  });

  it('are never answered with a 5xx or INTERNAL_SERVER_ERROR', () => {
    expect(tally.offenders.get('answer of 5xx') ?? []).toEqual([]);
  });

  it('are always answered, and the stack answers a normal query afterwards', () => {
    expect(tally.offenders.get('crash') ?? []).toEqual([]);
    expect(stillAnswering).toBe('answering');
  });

  it('are refused naming the argument at fault; a control character in text or a filter is never accepted', () => {
    expect(tally.offenders.get('wrong refusal') ?? []).toEqual([]);
  });
});
