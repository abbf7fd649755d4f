// The BOLA matrix: user A, signed in, tries every REST route, every GraphQL root field and
// subscription, and every private field of another user's profile with user B's ids. Each attempt
// is refused, and B's records are as they were. Routes and fields are enumerated from /openapi.json
// and the API schema: one that takes no id must be on an allow-list below, with the reason, or the
// matrix fails, so a new route or field cannot go untried.
import { buildSchema, getNamedType, isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientSchemaSdl } from '../../router/src/clientSchema.js';
import { recordAbuseCounts } from '../support/abuseCounts.js';
import { callRouter } from '../support/savingsGroupsThroughRouter.js';
import { sendRaw } from './abuseClient.js';
import { startAbuseStack, userWithRecords, type AbuseStack, type UserWithRecords } from './abuseStack.js';
import type { GraphQLError } from './answerVerdicts.js';
import { takesAnId, validRequestOf, type OperationType } from './graphqlArgumentCases.js';
import { restRouteCases, type OpenApiPaths } from './restInputCases.js';
import { attemptSubscription } from './subscriptionAttempt.js';

/** REST routes that name no user by id: there is no other user's id to try on them. */
const REST_ROUTES_WITHOUT_IDS = new Map([
  ['POST /user/register', 'creates an account; names no existing user'],
  ['POST /user/login', 'names an account by its credentials, which are the permission themselves'],
  ['POST /user/logout', "ends the caller's own session"],
]);

/** GraphQL root fields that take no id: each acts on the caller's own account or records, or on none. */
const FIELDS_WITHOUT_IDS = new Map([
  ['Query.me', "the caller's own account"],
  ['Mutation.register', 'creates an account; names no existing user'],
  ['Mutation.login', 'names an account by its credentials, which are the permission themselves'],
  ['Mutation.logout', "ends the caller's own session"],
  ['Mutation.changePassword', "the caller's own password, with the current one"],
  ['Mutation.updateProfile', "the caller's own profile"],
  ['Mutation.signOutEverywhere', "the caller's own sessions"],
  ['Mutation.deleteAccount', "the caller's own account, with its password"],
  ['Mutation.addIncome', "adds to the caller's own records"],
  ['Mutation.addExpense', "adds to the caller's own records"],
  ['Mutation.createSavingsGoal', "adds to the caller's own records"],
  ['Mutation.createSavingsGroup', 'starts a group of which the caller is the only member'],
  // An invite code is the permission to join, not an id; guessing one is tried below.
  ['Mutation.joinSavingsGroup', 'takes an invite code, which is the permission itself'],
]);

/** Fields of another user that any signed-in user may read: the public profile (schema: Query.user). */
const PUBLIC_FIELDS = new Map([
  ['User.id', 'public profile'],
  ['User.username', 'public profile'],
  ['User.createdAt', 'public profile'],
]);

/** Codes that refuse another user's records: FORBIDDEN, or NOT_FOUND where existence is not told. */
const REFUSALS = new Set(['FORBIDDEN', 'NOT_FOUND']);

let stack: AbuseStack;
let alice: UserWithRecords;
let bob: UserWithRecords;
let bobsRecordsBefore: unknown;
const tried: string[] = [];
const notRefused: string[] = [];
const uncovered: string[] = [];

const BOBS_RECORDS = `{ me { username email incomes { id amount source } expenses { id amount category } savingsGoals { id goal }
  savingsGroups { id name inviteCode members { user { id } } contributions { id } } } }`;

/** A's attempt with B's ids: counted, and listed unless refused. */
function judged(name: string, refused: boolean, answer: string): void {
  tried.push(name);
  if (!refused) notRefused.push(`${name} → ${answer}`);
}

/** A signed in as `alice`, with every id in the request `bob`'s (and `alice`'s own password, so only ownership can refuse). */
const bobsIdsFor = (caller: UserWithRecords, owner: UserWithRecords): UserWithRecords => ({
  ...caller,
  userId: owner.userId,
  incomeId: owner.incomeId,
  expenseId: owner.expenseId,
  savingsGoalId: owner.savingsGoalId,
  groupId: owner.groupId,
});

async function tryRestRoutes(origin: string): Promise<void> {
  const document = (await (await fetch(`${origin}/openapi.json`)).json()) as OpenApiPaths;
  for (const route of restRouteCases(document)) {
    if (!route.takesAUserId) {
      if (!REST_ROUTES_WITHOUT_IDS.has(route.route)) uncovered.push(route.route);
      continue;
    }
    const answer = await sendRaw(origin, { ...route.validRequest({ userId: bob.userId, password: alice.password }), token: alice.token });
    const status = answer.answered ? answer.status : 0;
    judged(
      `${route.route} with B's id`,
      status === 403 || status === 404,
      answer.answered ? `HTTP ${status} ${JSON.stringify(answer.body)}` : answer.error,
    );
  }
}

const refusal = (errors: GraphQLError[] | undefined) => (errors ?? []).some((error) => REFUSALS.has(error.extensions?.code ?? ''));

async function tryGraphqlField(operation: OperationType, type: GraphQLObjectType, field: GraphQLField<unknown, unknown>) {
  const coordinate = `${type.name}.${field.name}`;
  const { query, variables } = validRequestOf(operation, type, field, bobsIdsFor(alice, bob));
  if (operation === 'subscription') {
    const outcome = await attemptSubscription(stack.router.origin, alice.token, query, JSON.stringify(variables));
    const refused = (outcome.kind === 'errors' && refusal(outcome.errors)) || (outcome.kind === 'closed' && outcome.code === 4403);
    judged(`${coordinate} with B's ids`, refused, JSON.stringify(outcome));
    return;
  }
  const answer = await stack.router.graphql(query, variables, alice.token);
  const data = answer.data?.[field.name] as unknown;
  const returned = getNamedType(field.type);
  // A root field that answers another user's public profile: each of its private fields is tried instead.
  if (answer.errors === undefined && data != null && isObjectType(returned)) {
    await tryFieldsOf(returned, field, variables);
    return;
  }
  judged(`${coordinate} with B's ids`, refusal(answer.errors) && data == null, JSON.stringify(answer));
}

/** Every field of `type`, reached through `root` with B's ids, but those any signed-in user may read. */
async function tryFieldsOf(type: GraphQLObjectType, root: GraphQLField<unknown, unknown>, rootVariables: Record<string, unknown>) {
  const rootArguments = Object.entries(rootVariables).map(([name, value]) => `${name}: ${JSON.stringify(value)}`);
  const wrap = (_: UserWithRecords, inner: string) => `${root.name}(${rootArguments.join(', ')}) { ${inner} }`;
  for (const field of Object.values(type.getFields())) {
    const coordinate = `${type.name}.${field.name}`;
    if (PUBLIC_FIELDS.has(coordinate)) continue;
    const { query, variables } = validRequestOf('query', type, field, bobsIdsFor(alice, bob), wrap);
    const answer = await stack.router.graphql(query, variables, alice.token);
    const value = (answer.data?.[root.name] as Record<string, unknown> | null | undefined)?.[field.name];
    judged(`${root.name}(B).${field.name}`, refusal(answer.errors) && value == null, JSON.stringify(answer));
  }
}

async function tryGraphqlFields(): Promise<void> {
  const schema = buildSchema(clientSchemaSdl());
  const roots: [OperationType, GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  for (const [operation, type] of roots) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      const coordinate = `${type!.name}.${field.name}`;
      if (!takesAnId(field)) {
        if (!FIELDS_WITHOUT_IDS.has(coordinate)) uncovered.push(coordinate);
        continue;
      }
      if (FIELDS_WITHOUT_IDS.has(coordinate)) uncovered.push(`${coordinate} (allow-listed as taking no id, but it takes one)`);
      await tryGraphqlField(operation, type!, field);
    }
  }
}

async function guessAnInviteCode(): Promise<void> {
  const answer = await stack.router.graphql('mutation { joinSavingsGroup(inviteCode: "GUESSED-CODE-1234") { id } }', {}, alice.token);
  judged('Mutation.joinSavingsGroup with a guessed invite code', refusal(answer.errors), JSON.stringify(answer));
}

beforeAll(async () => {
  stack = await startAbuseStack();
  [alice, bob] = await Promise.all([userWithRecords(stack.router), userWithRecords(stack.router)]);
  bobsRecordsBefore = await callRouter(stack.router, BOBS_RECORDS, {}, bob.token);
  await tryRestRoutes(stack.router.origin);
  await tryGraphqlFields();
  await guessAnInviteCode();
  recordAbuseCounts('bola-matrix', { bolaCasesTried: tried.length, bolaCasesRefused: tried.length - notRefused.length });
  if (notRefused.length > 0) console.log(`Another user's ids not refused:\n${notRefused.join('\n')}`);
});

afterAll(async () => {
  await stack?.stop();
});

describe('the BOLA matrix', () => {
  it('covers every REST route, GraphQL root field and subscription: each takes an id or is allow-listed', () => {
    expect(uncovered).toEqual([]);
    expect(tried).toEqual(
      expect.arrayContaining([
        "GET /income/{userId} with B's id",
        "Mutation.deleteIncome with B's ids",
        "Subscription.groupSavingsProgress with B's ids",
        'user(B).incomes',
      ]),
    );
  });

  it("refuses every attempt with another user's ids", () => {
    expect(notRefused).toEqual([]);
  });

  it("leaves the other user's records as they were", async () => {
    expect(await callRouter(stack.router, BOBS_RECORDS, {}, bob.token)).toEqual(bobsRecordsBefore);
  });
});
