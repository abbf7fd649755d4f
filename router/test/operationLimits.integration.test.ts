// Operation limits as clients run into them: real HTTP requests and real graphql-ws sockets to
// routers in front of both subgraphs in-process, the three findings rerun as reported,
// and what the router tells clients about its schema in development and in production.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../test/support/freePort.js';
import { graphqlWsSocket, type GraphqlWsMessage, type GraphqlWsSocket } from '../../test/support/graphqlWsSocket.js';
import { contributeThrough, groupOf } from '../../test/support/savingsGroupsThroughRouter.js';
import { routerMetric } from '../../test/support/scrapedMetrics.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

/** The router's defaults (config.ts), which these tests push past. */
const DEFAULTS = { depth: 12, aliases: 30, tokens: 2_000, directives: 20, cost: 5_000 };
/** Big enough for the 390 KB operation, as the router's default (1 MB) is. */
const BODY_LIMIT = { MAX_REQUEST_BODY_BYTES: '1000000' };
const PATIENCE = { timeout: 10_000, interval: 20 };
const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

const aliases = (count: number, selection: string) => Array.from({ length: count }, (_, index) => `a${index}: ${selection}`).join(' ');
const nestedInlineFragments = (levels: number) => `{ me { ${'... on User { '.repeat(levels)} id ${'} '.repeat(levels)} } }`;

/** One operation over each limit, and nothing else. */
const OVER_EACH_LIMIT = {
  depth: nestedInlineFragments(DEFAULTS.depth),
  aliases: `{ ${aliases(DEFAULTS.aliases + 1, 'me { id }')} }`,
  tokens: `{ me { ${'id '.repeat(DEFAULTS.tokens)} } }`,
  directives: `{ me { ${'id @include(if: true) '.repeat(DEFAULTS.directives + 1)} } }`,
  cost: `{ me {
    incomes(limit: 500) { id amount source date }
    expenses(limit: 500) { id amount category date }
    savingsGoals(limit: 500) { id goal targetDate }
  } }`,
};
/**
 * Lists sized by a variable whose default is 1: costed at that default, a request sending 500 got
 * past the cost limit (about 10,000 at 500 each; about 50 at 1).
 */
const CONTRIBUTIONS_BY_VARIABLE = 'query ($n: Int = 1) { me { savingsGroups { contributions(limit: $n) { id amount } } } }';
/**
 * The same lists in each event of a group's subscription. Its events are read 100 at a time
 * (groupEventQuery.ts), each read costed with the variables too: about 3,400 at 1 a list, over the
 * limit at 2. Without `since` nothing is read until an event, so only the subscription's own cost
 * can refuse it at once.
 */
const CONTRIBUTIONS_BY_VARIABLE_AS_EVENTS = `subscription ($g: ID!, $since: Int, $n: Int = 1) { groupSavingsProgress(groupId: $g, since: $since) {
  sequence contribution { contributor { savingsGroups { contributions(limit: $n) { id amount } } } }
} }`;
/** The SDK's Dashboard query (clients/web-sdk/src/operations/dashboard.ts), each list sized by $limit. */
const DASHBOARD = `query Dashboard($from: Date, $to: Date, $limit: Int = 20) { me {
  id username
  incomes(from: $from, to: $to, limit: $limit) { id amount source date }
  expenses(from: $from, to: $to, limit: $limit) { id amount category date }
  savingsGoals(limit: $limit) { id goal targetDate }
  financialSummary(from: $from, to: $to) { from to totalIncome totalExpenses net savingsRate expensesByCategory { category total } }
} }`;
const limitRefusal = (limit: string) => ({ code: 'OPERATION_LIMIT_EXCEEDED', limit, maximum: DEFAULTS[limit as keyof typeof DEFAULTS] });

let subgraphs: InProcessSubgraphs;

beforeAll(async () => {
  subgraphs = await startSubgraphsInProcess();
});

afterAll(async () => {
  await subgraphs?.stop();
});

/** The router's answer to one operation sent on a signed-in graphql-ws socket: its `error` or its first `next`. */
async function answerOverWebSocket(
  socket: GraphqlWsSocket,
  id: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlWsMessage> {
  socket.subscribe(id, query, variables);
  return await vi.waitFor(() => {
    const answer = socket.messages.find((message) => message.id === id && (message.type === 'error' || message.type === 'next'));
    if (answer === undefined) throw new Error(`no answer to ${id} yet`);
    return answer;
  }, PATIENCE);
}

describe('operation limits with the default settings', () => {
  let router: InProcessRouter;
  let token: string;
  let socket: GraphqlWsSocket;

  beforeAll(async () => {
    router = await startRouterInFrontOf(subgraphs, { environment: BODY_LIMIT });
    ({ token } = await router.register());
    socket = graphqlWsSocket(router.origin);
    await socket.signIn(token);
  });

  afterAll(async () => {
    socket?.socket.close();
    await router?.stop();
  });

  it.each(Object.entries(OVER_EACH_LIMIT))('refuses an operation over the %s limit over HTTP with 400', async (limit, query) => {
    const { status, answer } = await router.post({ query }, token);
    expect(status).toBe(400);
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.map((error) => error.extensions)).toEqual([limitRefusal(limit)]);
  });

  it.each(Object.entries(OVER_EACH_LIMIT))('refuses an operation over the %s limit over graphql-ws', async (limit, query) => {
    const answer = await answerOverWebSocket(socket, `over-${limit}`, query);
    expect(answer.type).toBe('error');
    expect((answer.payload as { extensions: unknown }[]).map((error) => error.extensions)).toEqual([limitRefusal(limit)]);
  });

  it('refuses a subscription over a limit as it refuses a query', async () => {
    const query = `subscription { ${aliases(DEFAULTS.aliases + 1, 'groupSavingsProgress(groupId: "1") { sequence }')} }`;
    const answer = await answerOverWebSocket(socket, 'subscription-over-aliases', query);
    expect(answer.type).toBe('error');
    expect((answer.payload as { extensions: unknown }[]).map((error) => error.extensions)).toContainEqual(limitRefusal('aliases'));
  });

  it('answers a dashboard-sized operation as before', async () => {
    const { status, answer } = await router.post(
      { query: '{ me { username incomes(limit: 20) { id } expenses(limit: 20) { id } financialSummary { net } } }' },
      token,
    );
    expect(status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.['me']).toMatchObject({ incomes: [], expenses: [], financialSummary: { net: '0.00' } });
  });

  it('refuses a list sized by a variable sent as 500 over HTTP with 400, though its default is 1', async () => {
    const { status, answer } = await router.post({ query: CONTRIBUTIONS_BY_VARIABLE, variables: { n: 500 } }, token);
    expect(status).toBe(400);
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.map((error) => error.extensions)).toEqual([limitRefusal('cost')]);
  });

  it('answers the same operation with a small value, or none, over HTTP', async () => {
    for (const variables of [{ n: 5 }, {}]) {
      const { status, answer } = await router.post({ query: CONTRIBUTIONS_BY_VARIABLE, variables }, token);
      expect(status).toBe(200);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ me: { savingsGroups: [] } });
    }
  });

  it('refuses a list sized by a variable sent as 500 over graphql-ws, and answers it sent as 5', async () => {
    const refused = await answerOverWebSocket(socket, 'variable-over-cost', CONTRIBUTIONS_BY_VARIABLE, { n: 500 });
    expect(refused.type).toBe('error');
    expect((refused.payload as { extensions: unknown }[]).map((error) => error.extensions)).toEqual([limitRefusal('cost')]);
    const answered = await answerOverWebSocket(socket, 'variable-within-cost', CONTRIBUTIONS_BY_VARIABLE, { n: 5 });
    expect(answered.type).toBe('next');
    expect(answered.payload).toEqual({ data: { me: { savingsGroups: [] } } });
    expect(socket.closed).toBeNull();
  });

  it('refuses a subscription whose variable sizes a list past the cost limit, and follows it with 1', async () => {
    const member = await router.register();
    const groupId = await groupOf(router, member, []);
    await contributeThrough(router, member, groupId, '5.00');
    const own = graphqlWsSocket(router.origin);
    try {
      await own.signIn(member.token);
      const refused = await answerOverWebSocket(own, 'events-over-cost', CONTRIBUTIONS_BY_VARIABLE_AS_EVENTS, { g: groupId, n: 500 });
      expect(refused.type).toBe('error');
      expect((refused.payload as { extensions: unknown }[]).map((error) => error.extensions)).toEqual([limitRefusal('cost')]);
      // From the first event on, so the contribution above is replayed at once.
      const variables = { g: groupId, since: 0, n: 1 };
      const followed = await answerOverWebSocket(own, 'events-within-cost', CONTRIBUTIONS_BY_VARIABLE_AS_EVENTS, variables);
      expect(followed.type).toBe('next');
      expect(followed.payload.data.groupSavingsProgress).toEqual({
        sequence: 1,
        contribution: { contributor: { savingsGroups: [{ contributions: [{ id: expect.any(String), amount: '5.00' }] }] } },
      });
    } finally {
      own.socket.close();
    }
  });

  it("answers the SDK's Dashboard query with modest limits, as the web app sends it", async () => {
    for (const limit of [undefined, 20, 300]) {
      const variables = { from: '2026-11-01', to: '2026-11-30', ...(limit === undefined ? {} : { limit }) };
      const { status, answer } = await router.post({ query: DASHBOARD, variables }, token);
      expect(status).toBe(200);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.['me']).toMatchObject({ incomes: [], expenses: [], savingsGoals: [] });
    }
  });

  it('refuses 20,000 aliases of me { username } (390 KB) with 400 while a concurrent login succeeds', async () => {
    const account = await router.register();
    const query = `{ ${aliases(20_000, 'me { username }')} }`;
    expect(query.length).toBeGreaterThan(390_000);
    const [flood, login] = await Promise.all([
      router.post({ query }, token),
      router.graphql(LOGIN, { email: account.email, password: account.password }),
    ]);
    expect(flood.status).toBe(400);
    expect(flood.answer.errors?.map((error) => error.extensions?.code)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(login.errors).toBeUndefined();
    expect(login.data?.['login']).toHaveProperty('token');
  });

  it('answers 2,000 nested inline fragments with 400 over HTTP and an error over graphql-ws, not a crash', async () => {
    const query = nestedInlineFragments(2_000);
    const { status, answer } = await router.post({ query }, token);
    expect(status).toBe(400);
    expect(answer.errors?.map((error) => error.extensions)).toEqual([limitRefusal('tokens')]);
    const overSocket = await answerOverWebSocket(socket, 'nested-fragments', query);
    expect((overSocket.payload as { extensions: unknown }[]).map((error) => error.extensions)).toEqual([limitRefusal('tokens')]);
    expect(socket.closed).toBeNull();
    expect((await router.post({ query: '{ me { id } }' }, token)).status).toBe(200);
  });

  it('keeps the names of the subgraphs out of error extensions', async () => {
    const { answer } = await router.post({ query: '{ me { id financialSummary(from: "not a date") { net } } }' }, token);
    // The Finance subgraph's own refusal, passed on by the gateway, which adds the subgraph's name.
    expect(answer.errors?.map((error) => error.extensions?.code)).toContain('BAD_USER_INPUT');
    for (const error of answer.errors ?? []) expect(error.extensions).not.toHaveProperty('serviceName');
  });
});

describe('the cost limit against subgraph fan-out', () => {
  let router: InProcessRouter;
  const SUBGRAPH_CALL_FAILURES = 'ledgerline_router_subgraph_call_failures_total';

  beforeAll(async () => {
    // Nothing listens at the subgraph URLs: every call the router makes is counted as a failure,
    // so a count of 0 proves an operation was refused without one. No token is needed: the limits
    // come before anything else. The alias and token limits are raised so that only the cost
    // limit stands in the way.
    const nowhere = `http://127.0.0.1:${await freePort()}/graphql`;
    router = await startRouterInFrontOf(subgraphs, {
      subgraphUrls: { user: nowhere, finance: nowhere },
      environment: { ...BODY_LIMIT, MAX_OPERATION_ALIASES: '100000', MAX_OPERATION_TOKENS: '10000' },
    });
  });

  afterAll(async () => {
    await router?.stop();
  });

  it('refuses 1,000 aliases of me { financialSummary } by cost without calling a subgraph', async () => {
    const { status, answer } = await router.post({ query: `{ ${aliases(1_000, 'me { financialSummary { net } }')} }` });
    expect(status).toBe(400);
    expect(answer.errors?.map((error) => error.extensions)).toEqual([limitRefusal('cost')]);
    expect(await routerMetric(router.metricsOrigin, SUBGRAPH_CALL_FAILURES)).toBe(0);
  });

  it('refuses a list a variable sizes past the limit without calling a subgraph', async () => {
    const { status, answer } = await router.post({ query: CONTRIBUTIONS_BY_VARIABLE, variables: { n: 500 } });
    expect(status).toBe(400);
    expect(answer.errors?.map((error) => error.extensions)).toEqual([limitRefusal('cost')]);
    expect(await routerMetric(router.metricsOrigin, SUBGRAPH_CALL_FAILURES)).toBe(0);
  });

  it('does call the subgraphs for an operation within the limit (the counts above would have seen it)', async () => {
    const { answer } = await router.post({ query: '{ me { financialSummary { net } } }' });
    expect(answer.errors?.map((error) => error.extensions?.code)).toContain('SUBGRAPH_UNAVAILABLE');
    expect(await routerMetric(router.metricsOrigin, SUBGRAPH_CALL_FAILURES, { subgraph: 'user' })).toBeGreaterThan(0);
  });
});

describe('what the router says about its schema', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';
  const MISSPELLED = '{ me { usernam } }';
  const MISSPELLED_SUBSCRIPTION = 'subscription { groupSavingsProgres(groupId: "1") { sequence } }';

  async function withRouter(production: boolean, check: (router: InProcessRouter, socket: GraphqlWsSocket) => Promise<void>) {
    const router = await startRouterInFrontOf(subgraphs, { production });
    const socket = graphqlWsSocket(router.origin);
    try {
      await socket.signIn((await router.register()).token);
      await check(router, socket);
    } finally {
      socket.socket.close();
      await router.stop();
    }
  }

  it('answers introspection and suggests field names in development', async () => {
    await withRouter(false, async (router, socket) => {
      expect((await router.post({ query: INTROSPECTION })).answer.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      const misspelled = await router.post({ query: MISSPELLED });
      expect(misspelled.answer.errors?.[0]?.message).toMatch(/Did you mean "username"\?/);
      const overSocket = await answerOverWebSocket(socket, 'misspelled', MISSPELLED_SUBSCRIPTION);
      expect((overSocket.payload as { message: string }[])[0]?.message).toMatch(/Did you mean "groupSavingsProgress"\?/);
    });
  });

  it('refuses introspection and suggests nothing in production, over HTTP and graphql-ws', async () => {
    await withRouter(true, async (router, socket) => {
      const introspection = await router.post({ query: INTROSPECTION });
      expect(introspection.status).toBe(400);
      expect(introspection.answer.data).toBeUndefined();
      const misspelled = await router.post({ query: MISSPELLED });
      expect(misspelled.status).toBe(400);
      expect(misspelled.answer.errors?.[0]?.message).not.toMatch(/Did you mean/);
      const introspectionOverSocket = await answerOverWebSocket(socket, 'introspection', INTROSPECTION);
      expect(introspectionOverSocket.type).toBe('error');
      const overSocket = await answerOverWebSocket(socket, 'misspelled', MISSPELLED_SUBSCRIPTION);
      expect(overSocket.type).toBe('error');
      expect((overSocket.payload as { message: string }[])[0]?.message).not.toMatch(/Did you mean/);
    });
  });
});
