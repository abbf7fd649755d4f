// A control character (NUL above all, which PostgreSQL refuses) in any text a caller sends is
// refused before it is stored or looked up: BAD_USER_INPUT naming the field on GraphQL, over
// HTTP and WebSocket, and 400 naming the field on REST. Every String argument of both subgraphs'
// schemas has a case below; a new argument without one fails the first test.
import { readFileSync } from 'node:fs';
import { Kind, parse, type TypeNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { callRouter, groupOf, type Member } from '../../test/support/savingsGroupsThroughRouter.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';
import { watch } from '../../test/support/subscriptionClient.js';

const NUL_TEXT = 'Sal\u0000ary';

/** What a case needs: a signed-in user with one record of each kind and a savings group. */
interface Fixture {
  ada: Member;
  incomeId: string;
  expenseId: string;
  groupId: string;
}

interface StringArgumentCase {
  operation: string;
  variables: (fixture: Fixture, text: string) => Record<string, unknown>;
  signedIn: boolean;
}

const credentials = { username: 'nul_case', email: 'nul_case@example.test', password: 'long enough password' };

/** "Type.field(argument)" of every String argument, each with an operation that sends `text` in it. */
const STRING_ARGUMENTS: Record<string, StringArgumentCase> = {
  'Mutation.register(username)': {
    operation: 'mutation($t: String!, $e: String!, $p: String!) { register(username: $t, email: $e, password: $p) { token } }',
    variables: (_, text) => ({ t: text, e: credentials.email, p: credentials.password }),
    signedIn: false,
  },
  'Mutation.register(email)': {
    operation: 'mutation($u: String!, $t: String!, $p: String!) { register(username: $u, email: $t, password: $p) { token } }',
    variables: (_, text) => ({ u: credentials.username, t: text, p: credentials.password }),
    signedIn: false,
  },
  'Mutation.register(password)': {
    operation: 'mutation($u: String!, $e: String!, $t: String!) { register(username: $u, email: $e, password: $t) { token } }',
    variables: (_, text) => ({ u: credentials.username, e: credentials.email, t: `${text} long enough` }),
    signedIn: false,
  },
  'Mutation.login(email)': {
    operation: 'mutation($t: String!, $p: String!) { login(email: $t, password: $p) { token } }',
    variables: ({ ada }, text) => ({ t: `${ada.email}${text}`, p: ada.password }),
    signedIn: false,
  },
  'Mutation.login(password)': {
    operation: 'mutation($e: String!, $t: String!) { login(email: $e, password: $t) { token } }',
    variables: ({ ada }, text) => ({ e: ada.email, t: `${ada.password}${text}` }),
    signedIn: false,
  },
  'Mutation.updateProfile(username)': {
    operation: 'mutation($t: String) { updateProfile(username: $t) { id } }',
    variables: (_, text) => ({ t: text }),
    signedIn: true,
  },
  'Mutation.updateProfile(email)': {
    operation: 'mutation($t: String) { updateProfile(email: $t) { id } }',
    variables: ({ ada }, text) => ({ t: `${ada.email}${text}` }),
    signedIn: true,
  },
  'Mutation.deleteAccount(password)': {
    operation: 'mutation($t: String!) { deleteAccount(password: $t) { status } }',
    variables: ({ ada }, text) => ({ t: `${ada.password}${text}` }),
    signedIn: true,
  },
  'Mutation.changePassword(currentPassword)': {
    operation: 'mutation($t: String!, $n: String!) { changePassword(currentPassword: $t, newPassword: $n) { token } }',
    variables: ({ ada }, text) => ({ t: `${ada.password}${text}`, n: 'another long password' }),
    signedIn: true,
  },
  'Mutation.changePassword(newPassword)': {
    operation: 'mutation($c: String!, $t: String!) { changePassword(currentPassword: $c, newPassword: $t) { token } }',
    variables: ({ ada }, text) => ({ c: ada.password, t: `another ${text} long password` }),
    signedIn: true,
  },
  'User.expenses(category)': {
    operation: 'query($t: String) { me { expenses(category: $t) { id } } }',
    variables: (_, text) => ({ t: text }),
    signedIn: true,
  },
  'Mutation.addIncome(source)': {
    operation: 'mutation($t: String!) { addIncome(amount: "10.00", source: $t, date: "2026-11-01") { id } }',
    variables: (_, text) => ({ t: text }),
    signedIn: true,
  },
  'Mutation.updateIncome(source)': {
    operation: 'mutation($id: ID!, $t: String) { updateIncome(id: $id, source: $t) { id } }',
    variables: ({ incomeId }, text) => ({ id: incomeId, t: text }),
    signedIn: true,
  },
  'Mutation.addExpense(category)': {
    operation: 'mutation($t: String!) { addExpense(amount: "10.00", category: $t, date: "2026-11-01") { id } }',
    variables: (_, text) => ({ t: text }),
    signedIn: true,
  },
  'Mutation.updateExpense(category)': {
    operation: 'mutation($id: ID!, $t: String) { updateExpense(id: $id, category: $t) { id } }',
    variables: ({ expenseId }, text) => ({ id: expenseId, t: text }),
    signedIn: true,
  },
  'Mutation.createSavingsGroup(name)': {
    operation: 'mutation($t: String!) { createSavingsGroup(name: $t, targetAmount: "100.00", deadline: "2099-12-31") { id } }',
    variables: (_, text) => ({ t: text }),
    signedIn: true,
  },
  'Mutation.joinSavingsGroup(inviteCode)': {
    operation: 'mutation($t: String!) { joinSavingsGroup(inviteCode: $t) { id } }',
    variables: (_, text) => ({ t: text }),
    signedIn: true,
  },
  'Mutation.contributeToGroup(message)': {
    operation: 'mutation($g: ID!, $t: String) { contributeToGroup(groupId: $g, amount: "1.00", message: $t) { id } }',
    variables: ({ groupId }, text) => ({ g: groupId, t: text }),
    signedIn: true,
  },
};

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/** "Type.field(argument)" of every argument of type String (or [String], String!) in a subgraph's SDL. */
function stringArgumentsOf(sdlPath: string): string[] {
  const found: string[] = [];
  for (const definition of parse(readFileSync(sdlPath, 'utf8')).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) {
      for (const argument of field.arguments ?? []) {
        if (namedType(argument.type) === 'String') found.push(`${definition.name.value}.${field.name.value}(${argument.name.value})`);
      }
    }
  }
  return found;
}

const argumentName = (key: string): string => /\((\w+)\)$/.exec(key)![1]!;

let subgraphs: InProcessSubgraphs;
let router: InProcessRouter;
let fixture: Fixture;

beforeAll(async () => {
  subgraphs = await startSubgraphsInProcess();
  router = await startRouterInFrontOf(subgraphs);
  const ada = await router.register();
  const { addIncome } = await callRouter(
    router,
    'mutation { addIncome(amount: "10.00", source: "Salary", date: "2026-11-01") { id } }',
    {},
    ada.token,
  );
  const { addExpense } = await callRouter(
    router,
    'mutation { addExpense(amount: "10.00", category: "Rent", date: "2026-11-01") { id } }',
    {},
    ada.token,
  );
  fixture = { ada, incomeId: addIncome.id as string, expenseId: addExpense.id as string, groupId: await groupOf(router, ada, []) };
});

afterAll(async () => {
  await router.stop();
  await subgraphs.stop();
});

describe('every String argument of the supergraph', () => {
  it('has a control-character case here, so a new argument cannot go unchecked', () => {
    const schemaArguments = [
      ...stringArgumentsOf(new URL('../../subgraphs/user/src/schema.graphql', import.meta.url).pathname),
      ...stringArgumentsOf(new URL('../../subgraphs/finance/src/schema.graphql', import.meta.url).pathname),
    ];
    expect(Object.keys(STRING_ARGUMENTS).sort()).toEqual(schemaArguments.sort());
  });

  it.each(Object.keys(STRING_ARGUMENTS))('refuses a NUL in %s over HTTP with BAD_USER_INPUT naming the argument', async (key) => {
    const { operation, variables, signedIn } = STRING_ARGUMENTS[key]!;
    const field = argumentName(key);
    const answer = await router.graphql(operation, variables(fixture, NUL_TEXT), signedIn ? fixture.ada.token : undefined);
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: `${field}: must not contain control characters (such as NUL, tab or line breaks)`,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      }),
    ]);
  });

  it.each(
    [0x01, 0x09, 0x0a, 0x1f, 0x7f, 0x80, 0x9b].map((codePoint) => [
      codePoint.toString(16).padStart(4, '0'),
      String.fromCodePoint(codePoint),
    ]),
  )('refuses U+%s as it refuses NUL', async (_hex, character) => {
    const answer = await router.graphql(
      STRING_ARGUMENTS['Mutation.addIncome(source)']!.operation,
      { t: `Salary${character}` },
      fixture.ada.token,
    );
    expect(answer.errors?.map((error) => error.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'source' })]);
  });

  it('refuses a NUL sent over the WebSocket as over HTTP', async () => {
    const { operation, variables } = STRING_ARGUMENTS['Mutation.addIncome(source)']!;
    const overSocket = watch(router.origin, fixture.ada.token, operation, variables(fixture, NUL_TEXT));
    try {
      const [result] = await overSocket.received(1);
      expect(result?.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'source' }) }),
      ]);
    } finally {
      await overSocket.stop();
    }
  });

  it('stored nothing and deleted nothing', async () => {
    const { me } = await callRouter(
      router,
      '{ me { username incomes { source } expenses { category } savingsGroups { name } } }',
      {},
      fixture.ada.token,
    );
    expect(me).toEqual({
      username: fixture.ada.username,
      incomes: [{ source: 'Salary' }],
      expenses: [{ category: 'Rent' }],
      savingsGroups: [{ name: 'Trip' }],
    });
  });
});

describe('REST fields', () => {
  const send = (method: string, path: string, body: Record<string, unknown>, token?: string) =>
    fetch(`${router.origin}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as { error: Record<string, unknown> } }));

  const restCases: [string, string, (fixture: Fixture) => { path: string; body: Record<string, unknown>; token?: string }][] = [
    [
      'POST /user/login',
      'email',
      ({ ada }) => ({ path: '/user/login', body: { email: `${ada.email}${NUL_TEXT}`, password: ada.password } }),
    ],
    ['POST /user/login', 'password', ({ ada }) => ({ path: '/user/login', body: { email: ada.email, password: NUL_TEXT } })],
    ['POST /user/register', 'username', () => ({ path: '/user/register', body: { ...credentials, username: NUL_TEXT } })],
    ['POST /user/register', 'email', () => ({ path: '/user/register', body: { ...credentials, email: NUL_TEXT } })],
    ['POST /user/register', 'password', () => ({ path: '/user/register', body: { ...credentials, password: NUL_TEXT } })],
    [
      'PUT /user/{id}',
      'username',
      ({ ada }) => ({ path: `/user/${ada.userId}`, body: { username: NUL_TEXT, email: ada.email }, token: ada.token }),
    ],
    ['DELETE /user/{id}', 'password', ({ ada }) => ({ path: `/user/${ada.userId}`, body: { password: NUL_TEXT }, token: ada.token })],
    [
      'POST /income',
      'source',
      ({ ada }) => ({
        path: '/income',
        body: { userId: Number(ada.userId), amount: 10, source: NUL_TEXT, date: '2026-11-01' },
        token: ada.token,
      }),
    ],
    [
      'POST /expense',
      'category',
      ({ ada }) => ({
        path: '/expense',
        body: { userId: Number(ada.userId), amount: 10, category: NUL_TEXT, date: '2026-11-01' },
        token: ada.token,
      }),
    ],
  ];

  it.each(restCases)('%s refuses a NUL in %s with 400 naming the field', async (route, field, request) => {
    const { path, body, token } = request(fixture);
    const answer = await send(route.split(' ')[0]!, path, body, token);
    expect(answer.status).toBe(400);
    const message = 'must not contain control characters (such as NUL, tab or line breaks)';
    expect(answer.body.error).toEqual({
      code: 'BAD_USER_INPUT',
      message: `${field}: ${message}`,
      details: { fields: [{ field, message }] },
    });
  });
});
