// The router's response cache, as its users see it: their own profile and financial summaries
// are answered from the cache, every write of theirs is visible on their next read, and nobody
// is ever answered with another user's data. On Redis (as replicas share it) and in-process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchemas } from '../../test/support/freshSchemas.js';
import { redisForTests } from '../../test/support/redisForTests.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import type { GraphQLAnswer } from '../../test/support/routerAt.js';
import { routerMetric } from '../../test/support/scrapedMetrics.js';
import { callRouter, contributeThrough, groupOf, type Member } from '../../test/support/savingsGroupsThroughRouter.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

const redisUrl = await redisForTests();
const stores: [string, string | undefined][] = [
  ['in-process', undefined],
  ...(redisUrl === null ? [] : [['Redis', redisUrl] as [string, string]]),
];

const SUMMARY = 'query Summary { me { id financialSummary { totalIncome totalExpenses net } } }';
const PROFILE = 'query Profile { me { id username email } }';

describe.each(stores)('response cache on %s', (_store, storeUrl) => {
  let subgraphs: InProcessSubgraphs;
  let router: InProcessRouter;

  beforeAll(async () => {
    const redis = storeUrl === undefined ? {} : { redisUrl: storeUrl };
    subgraphs = await startSubgraphsInProcess({ schemas: await freshSchemas(), ...redis });
    router = await startRouterInFrontOf(subgraphs, redis);
  });

  afterAll(async () => {
    await router?.stop();
    await subgraphs?.stop();
  });

  /** A query's answer and how the cache answered it (the x-ledgerline-cache header). */
  async function read(member: Member, query: string, variables: Record<string, unknown> = {}) {
    const { status, headers, answer } = await router.post({ query, variables }, member.token);
    return { status, cache: headers.get('x-ledgerline-cache'), ...answer };
  }

  const write = (member: Member, mutation: string, variables: Record<string, unknown> = {}) =>
    callRouter(router, mutation, variables, member.token);

  const summaryOf = async (member: Member) => {
    const answer = await read(member, SUMMARY);
    expect(answer.errors).toBeUndefined();
    return { cache: answer.cache, summary: answer.data?.['me'].financialSummary as Record<string, string> };
  };

  it('answers a second read of your summary from the cache, with the same data', async () => {
    const ada = await router.register();
    await write(ada, 'mutation { addIncome(amount: "1000.00", source: "Salary", date: "2026-11-01") { id } }');
    const first = await summaryOf(ada);
    const second = await summaryOf(ada);
    expect(first).toEqual({ cache: 'miss', summary: { totalIncome: '1000.00', totalExpenses: '0.00', net: '1000.00' } });
    expect(second).toEqual({ ...first, cache: 'hit' });
  });

  it('shows every income and expense write on the writer’s very next read', async () => {
    const ada = await router.register();
    const expectNextRead = async (totals: { totalIncome: string; totalExpenses: string; net: string }) => {
      expect(await summaryOf(ada)).toEqual({ cache: 'miss', summary: totals });
      expect(await summaryOf(ada)).toEqual({ cache: 'hit', summary: totals });
    };
    await expectNextRead({ totalIncome: '0.00', totalExpenses: '0.00', net: '0.00' });

    const { addIncome } = await write(ada, 'mutation { addIncome(amount: "500.00", source: "Salary", date: "2026-11-01") { id } }');
    await expectNextRead({ totalIncome: '500.00', totalExpenses: '0.00', net: '500.00' });
    await write(ada, 'mutation($id: ID!) { updateIncome(id: $id, amount: "700.00") { id } }', { id: addIncome.id });
    await expectNextRead({ totalIncome: '700.00', totalExpenses: '0.00', net: '700.00' });

    const { addExpense } = await write(ada, 'mutation { addExpense(amount: "120.50", category: "Food", date: "2026-11-02") { id } }');
    await expectNextRead({ totalIncome: '700.00', totalExpenses: '120.50', net: '579.50' });
    await write(ada, 'mutation($id: ID!) { updateExpense(id: $id, amount: "20.50") { id } }', { id: addExpense.id });
    await expectNextRead({ totalIncome: '700.00', totalExpenses: '20.50', net: '679.50' });
    await write(ada, 'mutation($id: ID!) { deleteExpense(id: $id) }', { id: addExpense.id });
    await expectNextRead({ totalIncome: '700.00', totalExpenses: '0.00', net: '700.00' });
    await write(ada, 'mutation($id: ID!) { deleteIncome(id: $id) }', { id: addIncome.id });
    await expectNextRead({ totalIncome: '0.00', totalExpenses: '0.00', net: '0.00' });
  });

  it('keeps the summary cached across savings goal and group writes, which summaries do not count', async () => {
    const [ada, bob] = [await router.register(), await router.register()];
    await write(ada, 'mutation { addExpense(amount: "40.00", category: "Fun", date: "2026-11-03") { id } }');
    const cached = await summaryOf(ada);
    expect(cached.cache).toBe('miss');

    const { createSavingsGoal } = await write(ada, 'mutation { createSavingsGoal(goal: "900.00", targetDate: "2027-06-01") { id } }');
    await write(ada, 'mutation($id: ID!) { updateSavingsGoal(id: $id, goal: "950.00") { id } }', { id: createSavingsGoal.id });
    await write(ada, 'mutation($id: ID!) { deleteSavingsGoal(id: $id) }', { id: createSavingsGoal.id });
    const groupId = await groupOf(router, ada, [bob]);
    await contributeThrough(router, ada, groupId, '25.00');

    expect(await summaryOf(ada)).toEqual({ ...cached, cache: 'hit' });
  });

  it('shows a profile change on the next read, through GraphQL and the REST route alike', async () => {
    const ada = await router.register();
    expect(await read(ada, PROFILE)).toMatchObject({ cache: 'miss', data: { me: { username: ada.username } } });
    expect(await read(ada, PROFILE)).toMatchObject({ cache: 'hit', data: { me: { username: ada.username } } });
    const restProfile = () =>
      fetch(`${router.origin}/user/${ada.userId}`, { headers: { authorization: `Bearer ${ada.token}` } }).then(async (response) => ({
        cache: response.headers.get('x-ledgerline-cache'),
        body: await response.json(),
      }));
    expect(await restProfile()).toMatchObject({ cache: 'miss', body: { username: ada.username } });
    expect(await restProfile()).toMatchObject({ cache: 'hit', body: { username: ada.username } });

    const renamed = `${ada.username}-2`;
    await write(ada, 'mutation($u: String) { updateProfile(username: $u) { id } }', { u: renamed });
    expect(await read(ada, PROFILE)).toMatchObject({ cache: 'miss', data: { me: { username: renamed, email: ada.email } } });
    expect(await restProfile()).toMatchObject({ cache: 'miss', body: { username: renamed } });
  });

  it('never answers one user with another’s data: the same query, two users', async () => {
    const [ada, bob] = [await router.register(), await router.register()];
    await write(ada, 'mutation { addIncome(amount: "10.00", source: "Gift", date: "2026-11-01") { id } }');
    await write(bob, 'mutation { addIncome(amount: "20.00", source: "Gift", date: "2026-11-01") { id } }');
    const query = 'query Mine { me { id username email financialSummary { totalIncome } } }';
    for (const round of ['miss', 'hit']) {
      expect(await read(ada, query)).toMatchObject({
        cache: round,
        data: { me: { id: ada.userId, username: ada.username, email: ada.email, financialSummary: { totalIncome: '10.00' } } },
      });
      expect(await read(bob, query)).toMatchObject({
        cache: round,
        data: { me: { id: bob.userId, username: bob.username, email: bob.email, financialSummary: { totalIncome: '20.00' } } },
      });
    }
  });

  it('caches user(id) only for your own id: another user’s profile goes to the subgraphs every time', async () => {
    const [ada, bob] = [await router.register(), await router.register()];
    const byId = 'query ById($id: ID!) { user(id: $id) { id username } }';
    expect((await read(ada, byId, { id: ada.userId })).cache).toBe('miss');
    expect((await read(ada, byId, { id: ada.userId })).cache).toBe('hit');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect(await read(ada, byId, { id: bob.userId })).toMatchObject({ cache: 'bypass', data: { user: { username: bob.username } } });
    }
    const bobsEmail = await read(ada, 'query { user(id: "' + bob.userId + '") { email } }');
    expect(bobsEmail.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('goes straight through for queries that read anything else, and for anonymous callers', async () => {
    const ada = await router.register();
    const mixed = 'query { me { username incomes { id } } }';
    for (let attempt = 0; attempt < 2; attempt += 1) expect((await read(ada, mixed)).cache).toBe('bypass');
    const anonymous = await router.post({ query: '{ __typename }' });
    expect(anonymous.headers.get('x-ledgerline-cache')).toBe('bypass');
  });

  it('refuses a token revoked by signing out everywhere, even for what it read from the cache', async () => {
    const ada = await router.register();
    expect((await read(ada, PROFILE)).cache).toBe('miss');
    expect((await read(ada, PROFILE)).cache).toBe('hit');
    const { signOutEverywhere } = await write(ada, 'mutation { signOutEverywhere { token } }');
    const revoked = await read(ada, PROFILE);
    expect(revoked.data?.['me'] ?? null).toBeNull();
    expect(revoked.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await read({ ...ada, token: signOutEverywhere.token as string }, PROFILE)).toMatchObject({
      cache: 'miss',
      data: { me: { username: ada.username } },
    });
  });

  it('refuses a deleted account’s token, even for what it read from the cache', async () => {
    const ada = await router.register();
    expect((await read(ada, SUMMARY)).cache).toBe('miss');
    expect((await read(ada, SUMMARY)).cache).toBe('hit');
    await write(ada, 'mutation($p: String!) { deleteAccount(password: $p) { status } }', { p: ada.password });
    const afterDeletion = await read(ada, SUMMARY);
    expect(afterDeletion.data?.['me'] ?? null).toBeNull();
    expect(afterDeletion.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('counts hits, misses and invalidations at /metrics', async () => {
    const lookups = (result: string) => routerMetric(router.metricsOrigin, 'ledgerline_router_response_cache_lookups_total', { result });
    const invalidations = () =>
      routerMetric(router.metricsOrigin, 'ledgerline_router_response_cache_invalidations_total', { kind: 'summary' });
    const before = { hits: await lookups('hit'), misses: await lookups('miss'), invalidations: await invalidations() };
    const ada = await router.register();
    await summaryOf(ada);
    await summaryOf(ada);
    await write(ada, 'mutation { addIncome(amount: "1.00", source: "Tip", date: "2026-11-01") { id } }');
    expect({ hits: await lookups('hit'), misses: await lookups('miss'), invalidations: await invalidations() }).toEqual({
      hits: before.hits + 1,
      misses: before.misses + 1,
      invalidations: before.invalidations + 1,
    });
  });

  it('answers a hash-only persisted query once the query was registered, and asks for it before', async () => {
    const ada = await router.register();
    const query = `query PersistedProfile { me { username } }`;
    const { createHash } = await import('node:crypto');
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const unknown = await router.post({ extensions: { persistedQuery } }, ada.token);
    expect(unknown.answer.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    await router.post({ query, extensions: { persistedQuery } }, ada.token);
    const known: { answer: GraphQLAnswer } = await router.post({ extensions: { persistedQuery } }, ada.token);
    expect(known.answer).toEqual({ data: { me: { username: ada.username } } });
  });
});

describe('response cache in production', () => {
  let subgraphs: InProcessSubgraphs;
  let router: InProcessRouter;

  beforeAll(async () => {
    subgraphs = await startSubgraphsInProcess({ schemas: await freshSchemas() });
    router = await startRouterInFrontOf(subgraphs, { production: true });
  });

  afterAll(async () => {
    await router?.stop();
    await subgraphs?.stop();
  });

  it('still caches, but says nothing about it in a header', async () => {
    const ada = await router.register();
    const hits = () => routerMetric(router.metricsOrigin, 'ledgerline_router_response_cache_lookups_total', { result: 'hit' });
    const first = await router.post({ query: PROFILE }, ada.token);
    const second = await router.post({ query: PROFILE }, ada.token);
    expect(second.answer).toEqual(first.answer);
    expect(second.headers.get('x-ledgerline-cache')).toBeNull();
    expect(await hits()).toBe(1);
  });
});

describe.skipIf(redisUrl === null)('two routers sharing Redis', () => {
  let subgraphs: InProcessSubgraphs;
  let a: InProcessRouter;
  let b: InProcessRouter;

  beforeAll(async () => {
    const redis = { redisUrl: redisUrl! };
    subgraphs = await startSubgraphsInProcess({ schemas: await freshSchemas(), ...redis });
    [a, b] = await Promise.all([startRouterInFrontOf(subgraphs, redis), startRouterInFrontOf(subgraphs, redis)]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await subgraphs?.stop();
  });

  async function summaryThrough(router: InProcessRouter, member: Member) {
    const { headers, answer } = await router.post({ query: SUMMARY }, member.token);
    expect(answer.errors).toBeUndefined();
    return { cache: headers.get('x-ledgerline-cache'), totalIncome: answer.data?.['me'].financialSummary.totalIncome as string };
  }

  it('see each other’s entries and invalidations: a write through one is on the next read through the other', async () => {
    const ada = await a.register();
    expect(await summaryThrough(a, ada)).toEqual({ cache: 'miss', totalIncome: '0.00' });
    expect(await summaryThrough(b, ada)).toEqual({ cache: 'hit', totalIncome: '0.00' });

    await callRouter(b, 'mutation { addIncome(amount: "75.00", source: "Refund", date: "2026-11-04") { id } }', {}, ada.token);
    expect(await summaryThrough(a, ada)).toEqual({ cache: 'miss', totalIncome: '75.00' });
    expect(await summaryThrough(b, ada)).toEqual({ cache: 'hit', totalIncome: '75.00' });

    await callRouter(a, 'mutation { addIncome(amount: "25.00", source: "Refund", date: "2026-11-04") { id } }', {}, ada.token);
    expect(await summaryThrough(b, ada)).toEqual({ cache: 'miss', totalIncome: '100.00' });
  });

  it('accept on one router a persisted query registered through the other', async () => {
    const ada = await a.register();
    const query = `query SharedPersisted { me { id username } }`;
    const { createHash } = await import('node:crypto');
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    expect((await b.post({ extensions: { persistedQuery } }, ada.token)).answer.errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    expect((await a.post({ query, extensions: { persistedQuery } }, ada.token)).answer.errors).toBeUndefined();
    expect((await b.post({ extensions: { persistedQuery } }, ada.token)).answer).toEqual({
      data: { me: { id: ada.userId, username: ada.username } },
    });
  });
});
