// The router built in-process (buildRouter) in front of both subgraphs, also in-process, on the
// integration database: federation, the REST routes and the caller's identity, without processes.
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createLogger, listen, type SubgraphServer } from '@ledgerline/service-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFinanceSubgraph } from '../../subgraphs/finance/src/server.js';
import { buildUserSubgraph } from '../../subgraphs/user/src/server.js';
import { financeDatabase, userDatabase } from '../../test/support/serviceDatabases.js';
import { SCHEMAS } from '../../test/support/integrationSetup.js';
import type { RouterConfig } from '../src/config.js';
import { buildRouter, type Router } from '../src/server.js';

const log = createLogger('router-test', 'silent');
const secrets = { jwtSecret: randomBytes(32).toString('hex'), routerSigningSecret: randomBytes(32).toString('hex') };
const running: { stop(): Promise<void> }[] = [];
let routerOrigin: string;

async function listening(server: SubgraphServer | Router): Promise<string> {
  await listen(server.httpServer, 0, '127.0.0.1');
  running.push(server);
  return `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const base = { production: false, host: '127.0.0.1', port: 0, databaseUrl: '', logLevel: 'silent', dataDir: '', ...secrets };
  const user = await buildUserSubgraph({ ...base, databaseSchema: SCHEMAS.user, jwtTtlSeconds: 600 }, userDatabase(), log);
  const finance = await buildFinanceSubgraph({ ...base, databaseSchema: SCHEMAS.finance }, financeDatabase(), log);
  const config: RouterConfig = {
    production: false,
    host: '127.0.0.1',
    port: 0,
    subgraphs: { user: `${await listening(user)}/graphql`, finance: `${await listening(finance)}/graphql` },
    subgraphTimeoutMs: 10_000,
    maxRequestBodyBytes: 100_000,
    logLevel: 'silent',
    ...secrets,
  };
  routerOrigin = await listening(await buildRouter(config, log));
});

afterAll(async () => {
  for (const server of running.reverse()) await server.stop();
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
