// What production runs: each service's compiled JavaScript from `npm run build`, and the router serving
// the supergraph the build composed, at the subgraph URLs of its own configuration.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, freeStackPorts } from '../../../test/support/freePort.js';
import { ONE_ADDRESS_FOR_ALL_CLIENTS } from '../../../test/support/loginThrottleForTests.js';
import { dropRedisNamespace } from '../../../test/support/redisNamespace.js';
import { routerAt } from '../../../test/support/routerAt.js';
import { freshStackSecrets } from '../../../test/support/stackSecrets.js';
import '../../../test/support/providedContext.js';
import { repositoryRoot, startServiceProcess } from '../src/serviceProcess.js';
import { COMPILED_SERVICE_ENTRY, startStack, type Stack } from '../src/stack.js';

const redisKeyPrefix = `ledgerline-compiled-${randomBytes(6).toString('hex')}:`;
const env = {
  ...freshStackSecrets(),
  REDIS_KEY_PREFIX: redisKeyPrefix,
  LOG_LEVEL: 'warn',
  ...ONE_ADDRESS_FOR_ALL_CLIENTS,
};
let stack: Stack | undefined;

beforeAll(async () => {
  // Incremental: next to nothing when the build is up to date, as in CI, where `npm run build` ran first.
  await promisify(execFile)('npm', ['run', 'build'], { cwd: repositoryRoot });
  stack = await startStack({
    compiled: true,
    databaseUrl: inject('databaseUrl'),
    ports: await freeStackPorts(),
    env,
    output: process.env['TEST_STACK_OUTPUT'] === 'inherit' ? 'inherit' : 'ignore',
  });
});

afterAll(async () => {
  await stack?.stop();
  const redisUrl = inject('redisUrl');
  if (redisUrl !== null) await dropRedisNamespace(redisUrl, redisKeyPrefix);
});

describe('the compiled stack', () => {
  it('answers a query across both subgraphs from the built supergraph, at the subgraph URLs it was given', async () => {
    // The artifact was composed with the default URLs (ports 4001 and 4002); this stack's subgraphs listen elsewhere.
    const router = routerAt(stack!.routerUrl.replace(/\/graphql$/, ''));
    const member = await router.register();
    const added = await router.graphql(
      'mutation { addIncome(amount: "12.50", source: "Salary", date: "2026-10-01") { id } }',
      {},
      member.token,
    );
    expect(added.errors).toBeUndefined();

    const answer = await router.graphql('{ me { username incomes { amount source } } }', {}, member.token);

    expect(answer).toEqual({ data: { me: { username: member.username, incomes: [{ amount: '12.50', source: 'Salary' }] } } });
  });

  it('refuses to start a router whose supergraph file is missing, naming the file', async () => {
    const missing = `${repositoryRoot}router/dist/no-such-supergraph.graphql`;
    const router = startServiceProcess(
      'router without its supergraph',
      COMPILED_SERVICE_ENTRY.router,
      { ...process.env, ...env, PORT: String(await freePort()), SUPERGRAPH_FILE: missing },
      'pipe',
    );
    let output = '';
    router.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    router.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    expect(await router.exited).not.toBe(0);
    expect(output).toContain(missing);
  });
});
