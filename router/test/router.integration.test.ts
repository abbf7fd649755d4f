// The router built in-process (buildRouter) in front of both subgraphs, also in-process, on the
// integration database: federation, the REST routes and the caller's identity, without processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

let subgraphs: InProcessSubgraphs;
let router: InProcessRouter;
let routerOrigin: string;

beforeAll(async () => {
  subgraphs = await startSubgraphsInProcess();
  router = await startRouterInFrontOf(subgraphs);
  routerOrigin = router.origin;
});

afterAll(async () => {
  await router.stop();
  await subgraphs.stop();
});

const graphql = (query: string, variables: Record<string, unknown> = {}, token?: string) => router.graphql(query, variables, token);
const registered = () => router.register();

describe('buildRouter', () => {
  it("answers one query from both subgraphs, with the caller's own records", async () => {
    const ada = await registered();
    await graphql('mutation { addIncome(amount: "2500.00", source: "Salary", date: "2026-11-01") { id } }', {}, ada.token);
    await graphql('mutation { addExpense(amount: "0.10", category: "Coffee", date: "2026-11-02") { id } }', {}, ada.token);
    const { data, errors } = await graphql('{ me { username incomes { amount } financialSummary { net } } }', {}, ada.token);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ me: { username: ada.username, incomes: [{ amount: '2500.00' }], financialSummary: { net: '2499.90' } } });
  });

  it("serves the REST routes through the same gateway: Bob may not list Ada's incomes", async () => {
    const [ada, bob] = [await registered(), await registered()];
    const list = (token: string) =>
      fetch(`${routerOrigin}/income/${ada.userId}`, { headers: { authorization: `Bearer ${token}` } }).then(async (response) => ({
        status: response.status,
        body: await response.json(),
      }));
    expect(await list(ada.token)).toEqual({ status: 200, body: { incomes: [] } });
    expect((await list(bob.token)).status).toBe(403);
  });
});
