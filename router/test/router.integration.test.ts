// The router built in-process (buildRouter) in front of both subgraphs, also in-process, on the
// integration database: federation, the REST routes and the caller's identity, without processes.
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createLogger, listen } from '@ledgerline/service-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';
import type { RouterConfig } from '../src/config.js';
import { buildRouter, type Router } from '../src/server.js';

const log = createLogger('router-test', 'silent');
let subgraphs: InProcessSubgraphs;
let router: Router;
let routerOrigin: string;

beforeAll(async () => {
  subgraphs = await startSubgraphsInProcess();
  const config: RouterConfig = {
    production: false,
    host: '127.0.0.1',
    port: 0,
    subgraphs: { user: subgraphs.userUrl, finance: subgraphs.financeUrl },
    subgraphTimeoutMs: 10_000,
    maxRequestBodyBytes: 100_000,
    logLevel: 'silent',
    jwtSecret: subgraphs.secrets.jwtSecret,
    routerSigningSecret: subgraphs.secrets.routerSigningSecret,
  };
  router = await buildRouter(config, log);
  await listen(router.httpServer, 0, '127.0.0.1');
  routerOrigin = `http://127.0.0.1:${(router.httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await router.stop();
  await subgraphs.stop();
});

async function graphql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${routerOrigin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, any> | null; errors?: { extensions?: { code?: string } }[] };
}

async function registered() {
  const suffix = randomBytes(5).toString('hex');
  const { data } = await graphql(
    'mutation($u: String!, $e: String!, $p: String!) { register(username: $u, email: $e, password: $p) { token userId } }',
    { u: `u_${suffix}`, e: `u_${suffix}@example.test`, p: 'long enough password' },
  );
  return { username: `u_${suffix}`, ...(data!['register'] as { token: string; userId: string }) };
}

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
