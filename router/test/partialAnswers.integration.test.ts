// A subgraph that is down or frozen costs only its own fields: the router answers what the other
// subgraph returned, with a coded error on each missing field, logs the cause once with the
// request id, and answers a REST route that cannot answer at all with 503 or 504. The subgraph is
// put behind a proxy that refuses or holds its connections.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { capturedLog } from '../../test/support/capturedLog.js';
import { startFaultyProxy, type FaultyProxy } from '../../test/support/faultyProxy.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { routerMetric } from '../../test/support/scrapedMetrics.js';
import type { Member } from '../../test/support/savingsGroupsThroughRouter.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

const CALL_TIMEOUT_MS = 1_500;
const PROFILE_AND_MONEY = 'query ProfileAndMoney { me { username incomes { id } financialSummary { totalIncome } } }';

let subgraphs: InProcessSubgraphs;
let finance: FaultyProxy;
let user: FaultyProxy;
let router: InProcessRouter;
let ada: Member;
const { log, lines } = capturedLog();

beforeAll(async () => {
  subgraphs = await startSubgraphsInProcess();
  finance = await startFaultyProxy(subgraphs.financeUrl);
  user = await startFaultyProxy(subgraphs.userUrl);
  router = await startRouterInFrontOf(subgraphs, {
    subgraphUrls: { finance: finance.url, user: user.url },
    environment: { SUBGRAPH_TIMEOUT_MS: String(CALL_TIMEOUT_MS) },
    // The response cache would answer repeated reads without asking the subgraphs.
    caches: { responsesEnabled: false },
    log,
  });
  ada = await router.register();
  await router.graphql('mutation { addIncome(amount: "10.00", source: "Salary", date: "2026-11-01") { id } }', {}, ada.token);
});

afterAll(async () => {
  await router.stop();
  await Promise.all([finance.close(), user.close()]);
  await subgraphs.stop();
});

beforeEach(async () => {
  await Promise.all([finance.set('pass'), user.set('pass')]);
});

async function post(query: string, requestId: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${router.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ada.token}`, 'x-request-id': requestId, ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

const failureLines = (requestId: string) =>
  lines.filter((line) => line.requestId === requestId && line.msg.startsWith('subgraph call failed'));

describe('a subgraph that cannot answer', () => {
  it('leaves the other subgraph’s fields in a 200, with SUBGRAPH_UNAVAILABLE on each missing field, logged once', async () => {
    await finance.set('refuse');
    const { status, body } = await post(PROFILE_AND_MONEY, 'partial-down');
    expect(status).toBe(200);
    expect(body.data).toEqual({ me: { username: ada.username, incomes: null, financialSummary: null } });
    expect(body.errors?.map((error) => [error.path, error.extensions.code])).toEqual([
      [['me', 'incomes'], 'SUBGRAPH_UNAVAILABLE'],
      [['me', 'financialSummary'], 'SUBGRAPH_UNAVAILABLE'],
    ]);
    expect(body.errors?.[0].message).toBe('The finance service could not be reached, so this field is missing; try again shortly');
    expect(failureLines('partial-down')).toEqual([
      expect.objectContaining({ subgraph: 'finance', failure: 'SUBGRAPH_UNAVAILABLE', level: 40 }),
    ]);
  });

  it('answers a frozen subgraph’s fields with SUBGRAPH_TIMEOUT once its time is up, keeping the rest', async () => {
    await finance.set('hang');
    const before = await routerMetric(router.metricsOrigin, 'ledgerline_router_subgraph_call_failures_total', {
      failure: 'SUBGRAPH_TIMEOUT',
    });
    const { status, body } = await post(PROFILE_AND_MONEY, 'partial-frozen');
    expect(status).toBe(200);
    expect(body.data?.me).toEqual({ username: ada.username, incomes: null, financialSummary: null });
    expect(new Set(body.errors?.map((error) => error.extensions.code))).toEqual(new Set(['SUBGRAPH_TIMEOUT']));
    expect(failureLines('partial-frozen')).toHaveLength(1);
    expect(
      await routerMetric(router.metricsOrigin, 'ledgerline_router_subgraph_call_failures_total', { failure: 'SUBGRAPH_TIMEOUT' }),
    ).toBe(before + 1);
  });

  it('keeps a savings group when the User service cannot name its members, with an error on each', async () => {
    const created = await post('mutation { createSavingsGroup(name: "Trip", targetAmount: "500.00", deadline: "2099-01-01") { id } }', 'g');
    const groupId = created.body.data.createSavingsGroup.id as string;
    await user.set('refuse');
    const { status, body } = await post(
      `{ savingsGroup(id: "${groupId}") { name owner { username } members { isOwner user { username } } } }`,
      'g2',
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({ savingsGroup: { name: 'Trip', owner: null, members: [{ isOwner: true, user: null }] } });
    expect(body.errors?.map((error) => [error.path, error.extensions.code])).toEqual([
      [['savingsGroup', 'owner', 'username'], 'SUBGRAPH_UNAVAILABLE'],
      [['savingsGroup', 'members', 0, 'user', 'username'], 'SUBGRAPH_UNAVAILABLE'],
    ]);
  });

  it('answers a mutation it could not deliver with an error on the mutation, and the data is unchanged', async () => {
    await finance.set('refuse');
    const { status, body } = await post('mutation { addIncome(amount: "99.00", source: "Lost", date: "2026-11-02") { id } }', 'm');
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors?.map((error) => [error.path, error.extensions.code])).toEqual([[['addIncome'], 'SUBGRAPH_UNAVAILABLE']]);
    await finance.set('pass');
    const incomes = await subgraphs.databases.finance.income.count({ where: { userId: Number(ada.userId), source: 'Lost' } });
    expect(incomes).toBe(0);
  });

  it('gives full answers again as soon as the subgraph is back', async () => {
    await finance.set('refuse');
    expect((await post(PROFILE_AND_MONEY, 'before-return')).body.errors).toHaveLength(2);
    await finance.set('pass');
    const { body } = await post(PROFILE_AND_MONEY, 'after-return');
    expect(body.errors).toBeUndefined();
    expect(body.data.me.financialSummary).toEqual({ totalIncome: '10.00' });
  });
});

describe('a REST route whose subgraph cannot answer', () => {
  const listIncomes = () => fetch(`${router.origin}/income/${ada.userId}`, { headers: { authorization: `Bearer ${ada.token}` } });

  it('answers 503 SUBGRAPH_UNAVAILABLE in the error model when the subgraph is down', async () => {
    await finance.set('refuse');
    const response = await listIncomes();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: {
        code: 'SUBGRAPH_UNAVAILABLE',
        message: 'The finance service could not be reached, so this field is missing; try again shortly',
      },
    });
  });

  it('answers 504 SUBGRAPH_TIMEOUT when the subgraph does not answer in time', async () => {
    await finance.set('hang');
    const response = await listIncomes();
    expect(response.status).toBe(504);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('SUBGRAPH_TIMEOUT');
  });
});
