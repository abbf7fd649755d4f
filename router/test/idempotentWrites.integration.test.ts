// Writes a client can retry: with an Idempotency-Key, a repeated mutation or REST POST answers what
// the first answered and writes nothing more, even when the first answer was lost on the way back;
// the same key for a different request is refused; keys belong to their user. And a subgraph
// keeps to the router's deadline: it starts no write the router no longer waits for.
import { ROUTER_ASSERTION_HEADER, signRouterAssertion, verifyUserToken } from '@ledgerline/identity';
import { DEADLINE_HEADER } from '@ledgerline/service-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFaultyProxy, type FaultyProxy } from '../../test/support/faultyProxy.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { groupOf, type Member } from '../../test/support/savingsGroupsThroughRouter.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

const CALL_TIMEOUT_MS = 2_000;
const ADD_INCOME =
  'mutation Add($amount: Money!, $source: String!) { addIncome(amount: $amount, source: $source, date: "2026-11-03") { id amount source date } }';

let subgraphs: InProcessSubgraphs;
let finance: FaultyProxy;
let router: InProcessRouter;
let ada: Member;
let bo: Member;
let keyCount = 0;
const newKey = () => `test-key-${Date.now()}-${(keyCount += 1)}`;

beforeAll(async () => {
  subgraphs = await startSubgraphsInProcess();
  finance = await startFaultyProxy(subgraphs.financeUrl);
  router = await startRouterInFrontOf(subgraphs, {
    subgraphUrls: { finance: finance.url },
    environment: { SUBGRAPH_TIMEOUT_MS: String(CALL_TIMEOUT_MS) },
  });
  [ada, bo] = [await router.register(), await router.register()];
});

afterAll(async () => {
  await router.stop();
  await finance.close();
  await subgraphs.stop();
});

beforeEach(() => finance.set('pass'));

async function graphql(member: Member, query: string, variables: Record<string, unknown>, key?: string) {
  const response = await fetch(`${router.origin}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${member.token}`,
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

async function postIncome(member: Member, body: Record<string, unknown>, key: string) {
  const response = await fetch(`${router.origin}/income`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${member.token}`, 'idempotency-key': key },
    body: JSON.stringify({ userId: Number(member.userId), ...body }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const incomesFrom = (member: Member, source: string) =>
  subgraphs.databases.finance.income.count({ where: { userId: Number(member.userId), source } });

describe('a mutation sent again with its Idempotency-Key', () => {
  it('answers exactly what the first answered, and writes once', async () => {
    const key = newKey();
    const first = await graphql(ada, ADD_INCOME, { amount: '12.30', source: 'Repeated' }, key);
    const again = await graphql(ada, ADD_INCOME, { amount: '12.30', source: 'Repeated' }, key);
    expect(first.body.data.addIncome).toEqual({ id: expect.any(String), amount: '12.30', source: 'Repeated', date: '2026-11-03' });
    expect(again).toEqual(first);
    expect(await incomesFrom(ada, 'Repeated')).toBe(1);
  });

  it('is applied once when its first answer was lost on the way back, and the retry gets the first id', async () => {
    const key = newKey();
    await finance.set('lose-answers');
    const lost = await graphql(ada, ADD_INCOME, { amount: '40.00', source: 'Answer lost' }, key);
    expect(lost.body.errors?.map((error) => error.extensions.code)).toEqual(['SUBGRAPH_TIMEOUT']);
    await finance.set('pass');
    const retried = await graphql(ada, ADD_INCOME, { amount: '40.00', source: 'Answer lost' }, key);
    expect(retried.body.errors).toBeUndefined();
    expect(await incomesFrom(ada, 'Answer lost')).toBe(1);
    const stored = await subgraphs.databases.finance.income.findFirstOrThrow({
      where: { userId: Number(ada.userId), source: 'Answer lost' },
    });
    expect(retried.body.data.addIncome.id).toBe(String(stored.id));
  });

  it('without a key, is written again: the key is what makes a retry safe', async () => {
    await graphql(ada, ADD_INCOME, { amount: '1.00', source: 'No key' });
    await graphql(ada, ADD_INCOME, { amount: '1.00', source: 'No key' });
    expect(await incomesFrom(ada, 'No key')).toBe(2);
  });

  it('refuses the same key with other arguments, and writes nothing for it', async () => {
    const key = newKey();
    await graphql(ada, ADD_INCOME, { amount: '5.00', source: 'First use' }, key);
    const reused = await graphql(ada, ADD_INCOME, { amount: '500.00', source: 'Second use' }, key);
    expect(reused.status).toBe(200);
    expect(reused.body.errors?.map((error) => [error.extensions.code, error.message])).toEqual([
      ['IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key: was already used for a different request; use a new key for a new request'],
    ]);
    expect(await incomesFrom(ada, 'Second use')).toBe(0);
  });

  it('keeps each user’s keys apart: the same key from two users is two writes', async () => {
    const key = newKey();
    const fromAda = await graphql(ada, ADD_INCOME, { amount: '7.00', source: 'Shared key' }, key);
    const fromBo = await graphql(bo, ADD_INCOME, { amount: '7.00', source: 'Shared key' }, key);
    expect(fromBo.body.data.addIncome.id).not.toBe(fromAda.body.data.addIncome.id);
    expect([await incomesFrom(ada, 'Shared key'), await incomesFrom(bo, 'Shared key')]).toEqual([1, 1]);
  });

  it('writes once when the same key arrives twice at the same moment', async () => {
    const key = newKey();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => graphql(ada, ADD_INCOME, { amount: '3.00', source: 'At once' }, key)),
    );
    expect(new Set(answers.map((answer) => answer.body.data?.addIncome.id)).size).toBe(1);
    expect(await incomesFrom(ada, 'At once')).toBe(1);
  });

  it('adds a contribution to a group once, however often it is retried', async () => {
    const groupId = await groupOf(router, ada, [], '1000.00');
    const key = newKey();
    const contribute = 'mutation($g: ID!) { contributeToGroup(groupId: $g, amount: "25.00") { id sequence } }';
    const answers = [await graphql(ada, contribute, { g: groupId }, key), await graphql(ada, contribute, { g: groupId }, key)];
    expect(answers[1]).toEqual(answers[0]);
    const group = await graphql(ada, 'query($g: ID!) { savingsGroup(id: $g) { progress { total } lastSequence } }', { g: groupId });
    expect(group.body.data.savingsGroup).toEqual({ progress: { total: '25.00' }, lastSequence: 1 });
  });

  it('is refused with a 400 when one operation holds several mutations, before any is written', async () => {
    const both = await graphql(
      ada,
      'mutation { a: addIncome(amount: "1.00", source: "Two at once", date: "2026-11-03") { id } b: addExpense(amount: "1.00", category: "Two at once", date: "2026-11-03") { id } }',
      {},
      newKey(),
    );
    expect(both.status).toBe(400);
    expect(both.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Idempotency-Key' });
    expect(await incomesFrom(ada, 'Two at once')).toBe(0);
  });
});

describe('a REST POST sent again with its Idempotency-Key', () => {
  it('answers 201 with the first incomeId and writes once', async () => {
    const key = newKey();
    const first = await postIncome(ada, { amount: 99.5, source: 'REST retry', date: '2026-11-04' }, key);
    const again = await postIncome(ada, { amount: 99.5, source: 'REST retry', date: '2026-11-04' }, key);
    expect(first).toEqual({ status: 201, body: { message: 'Income added successfully', incomeId: expect.any(Number) } });
    expect(again).toEqual(first);
    expect(await incomesFrom(ada, 'REST retry')).toBe(1);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
    const key = newKey();
    await postIncome(ada, { amount: 10, source: 'REST first', date: '2026-11-04' }, key);
    const reused = await postIncome(ada, { amount: 11, source: 'REST first', date: '2026-11-04' }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error).toEqual({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: 'Idempotency-Key: was already used for a different request; use a new key for a new request',
      details: {
        fields: [{ field: 'Idempotency-Key', message: 'was already used for a different request; use a new key for a new request' }],
      },
    });
  });

  it('answers 400 naming the header for a key it cannot accept', async () => {
    const refused = await postIncome(ada, { amount: 10, source: 'REST bad key', date: '2026-11-04' }, 'has spaces in it');
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toEqual([
      { field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters without spaces, e.g. a UUID' },
    ]);
    expect(await incomesFrom(ada, 'REST bad key')).toBe(0);
  });
});

describe('a subgraph past the router’s deadline', () => {
  async function callFinanceDirectly(deadlineMs: string) {
    const { userId, accountKey, sessionId } = verifyUserToken(ada.token, subgraphs.secrets.jwtSecret);
    const assertion = signRouterAssertion(
      { caller: { userId, accountKey, sessionId }, requestId: 'late' },
      subgraphs.secrets.routerSigningSecret,
    );
    const response = await fetch(subgraphs.financeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ROUTER_ASSERTION_HEADER]: assertion, [DEADLINE_HEADER]: deadlineMs },
      body: JSON.stringify({ query: 'mutation { addIncome(amount: "8.00", source: "Too late", date: "2026-11-05") { id } }' }),
    });
    return (await response.json()) as { errors?: { extensions: { code: string } }[] };
  }

  it('refuses a write whose deadline has passed with DEADLINE_EXCEEDED, and writes nothing', async () => {
    const answer = await callFinanceDirectly('0');
    expect(answer.errors?.map((error) => error.extensions.code)).toEqual(['DEADLINE_EXCEEDED']);
    expect(await incomesFrom(ada, 'Too late')).toBe(0);
  });

  it('does the write while time is left', async () => {
    const answer = await callFinanceDirectly('5000');
    expect(answer.errors).toBeUndefined();
    expect(await incomesFrom(ada, 'Too late')).toBe(1);
  });
});
