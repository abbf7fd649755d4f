// What an operator relies on: health probes, request ids, and a clean stop on SIGTERM.
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { startServiceProcess, waitUntilReady } from '../../packages/launcher/src/serviceProcess.js';
import { freeMetricsPortVariables, freePort } from '../support/freePort.js';
import { ONE_ADDRESS_FOR_ALL_CLIENTS } from '../support/loginThrottleForTests.js';

/**
 * The environment of the test stack's processes, for one more of them: its secrets, its Redis
 * namespace, so nothing it counts (login attempts) outlives the run or meets another run's, the
 * per-address login limit lifted, as every test client connects from 127.0.0.1, and metrics ports
 * of its own.
 */
const stackEnvironment = async (): Promise<NodeJS.ProcessEnv> => ({
  ...process.env,
  JWT_SECRET: inject('jwtSecret'),
  ROUTER_SIGNING_SECRET: inject('routerSigningSecret'),
  SERVICE_SIGNING_SECRET: inject('serviceSigningSecret'),
  REDIS_KEY_PREFIX: inject('redisKeyPrefix'),
  // The stack's gRPC servers, never the default ports, where a developer's `npm start` may be listening.
  USER_GRPC_ADDRESS: inject('userGrpcAddress'),
  FINANCE_GRPC_ADDRESS: inject('financeGrpcAddress'),
  ...ONE_ADDRESS_FOR_ALL_CLIENTS,
  ...(await freeMetricsPortVariables()),
});

const origin = (graphqlUrl: string) => new URL(graphqlUrl).origin;

describe('operations', () => {
  it.each(['routerUrl', 'userSubgraphUrl', 'financeSubgraphUrl'] as const)('%s answers /healthz and /readyz', async (service) => {
    const base = origin(inject(service));
    const health = await fetch(`${base}/healthz`);
    const ready = await fetch(`${base}/readyz`);
    expect(health.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual(
      service === 'routerUrl'
        ? { status: 'ready', dependencies: { 'user subgraph': 'ok', 'finance subgraph': 'ok' } }
        : { status: 'ready' },
    );
  });

  it('echoes a caller-supplied request id and makes one up otherwise', async () => {
    const withId = await fetch(inject('routerUrl'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-me-123' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const withoutId = await fetch(inject('routerUrl'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(withId.headers.get('x-request-id')).toBe('trace-me-123');
    expect(withoutId.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries the request id from the router to the subgraph that served it, in their logs', async () => {
    const [userPort, userGrpcPort, routerPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      ...(await stackEnvironment()),
      DATABASE_URL: inject('databaseUrl'),
      USER_SUBGRAPH_PORT: String(userPort),
      USER_GRPC_PORT: String(userGrpcPort),
      USER_GRPC_ADDRESS: `127.0.0.1:${userGrpcPort}`,
      PORT: String(routerPort),
      USER_SUBGRAPH_URL: `http://127.0.0.1:${userPort}/graphql`,
      FINANCE_SUBGRAPH_URL: inject('financeSubgraphUrl'),
      LOG_LEVEL: 'info',
    };
    const user = startServiceProcess('user subgraph', 'subgraphs/user/src/main.ts', env, 'pipe');
    const router = startServiceProcess('router', 'router/src/main.ts', env, 'ignore');
    const userLog: string[] = [];
    user.child.stdout!.on('data', (chunk: Buffer) => userLog.push(chunk.toString()));
    try {
      await waitUntilReady(user, `http://127.0.0.1:${userPort}/readyz`, 30_000);
      await waitUntilReady(router, `http://127.0.0.1:${routerPort}/readyz`, 30_000);
      await fetch(`http://127.0.0.1:${routerPort}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'follow-me-42' },
        body: JSON.stringify({ query: 'mutation { login(email: "nobody@example.test", password: "whatever-it-is") { token } }' }),
      });
      await expect
        .poll(
          () =>
            userLog
              .join('')
              .split('\n')
              .filter((line) => line.includes('"requestId":"follow-me-42"')),
          { timeout: 5000 },
        )
        .not.toEqual([]);
    } finally {
      await Promise.all([router.stop(), user.stop()]);
    }
  });

  it('answers a malformed body with a JSON 400 and an oversized one with a JSON 413, never HTML', async () => {
    const post = (body: string) => fetch(inject('routerUrl'), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const malformed = await post('{"query": ');
    const oversized = await post(JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(2_000_000) }));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({
      errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(oversized.status).toBe(413);
    expect(await oversized.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('keeps a router whose subgraph is down ready, since it serves what the other answers, and says which is down', async () => {
    const port = await freePort();
    const router = startServiceProcess(
      'router',
      'router/src/main.ts',
      {
        ...(await stackEnvironment()),
        PORT: String(port),
        USER_SUBGRAPH_URL: inject('userSubgraphUrl'),
        FINANCE_SUBGRAPH_URL: `http://127.0.0.1:${await freePort()}/graphql`,
        LOG_LEVEL: 'silent',
      },
      'ignore',
    );
    try {
      await waitUntilReady(router, `http://127.0.0.1:${port}/healthz`, 30_000);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ready',
        dependencies: { 'user subgraph': 'ok', 'finance subgraph': expect.stringMatching(/fetch failed|ECONNREFUSED/) },
      });
      const login = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { login(email: "nobody@example.test", password: "whatever-it-is") { token } }' }),
      });
      // The User subgraph still answers through this router: a refusal of its own, not an outage.
      expect(((await login.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
        'INVALID_CREDENTIALS',
      );
    } finally {
      await router.stop();
    }
  });

  it('keeps a subgraph out of traffic until its schema has every migration it carries, then serves', async () => {
    // As in a deployment: the new pod starts beside the migration job, against a schema that job has not reached.
    const schema = `users_unmigrated_${process.pid}`;
    const port = await freePort();
    const env = {
      ...(await stackEnvironment()),
      DATABASE_URL: inject('databaseUrl'),
      USER_DATABASE_SCHEMA: schema,
      USER_SUBGRAPH_PORT: String(port),
      USER_GRPC_PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
    };
    const user = startServiceProcess('user subgraph', 'subgraphs/user/src/main.ts', env, 'ignore');
    const database = new pg.Client({ connectionString: inject('databaseUrl') });
    await database.connect();
    try {
      await waitUntilReady(user, `http://127.0.0.1:${port}/healthz`, 30_000);
      const waiting = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(waiting.status).toBe(503);
      const { failures } = (await waiting.json()) as { failures: Record<string, string> };
      expect(failures['migrations']).toMatch(new RegExp(`^schema "${schema}" is waiting for migrations: \\d{14}_`));

      const migration = startServiceProcess('migration', 'prisma/src/migrate.ts', { ...env, LOG_LEVEL: undefined }, 'ignore');
      expect(await migration.exited).toBe(0);
      await waitUntilReady(user, `http://127.0.0.1:${port}/readyz`, 10_000);
    } finally {
      await user.stop();
      await database.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await database.end();
    }
  });

  it('stops cleanly with exit code 0 on SIGTERM', async () => {
    const port = await freePort();
    const router = startServiceProcess(
      'router',
      'router/src/main.ts',
      {
        ...(await stackEnvironment()),
        // Not vitest's NODE_ENV=test, under which libraries skip their own signal handling.
        NODE_ENV: 'development',
        PORT: String(port),
        USER_SUBGRAPH_URL: inject('userSubgraphUrl'),
        FINANCE_SUBGRAPH_URL: inject('financeSubgraphUrl'),
        LOG_LEVEL: 'silent',
      },
      'ignore',
    );
    await waitUntilReady(router, `http://127.0.0.1:${port}/readyz`, 30_000);
    router.child.kill('SIGTERM');
    expect(await router.exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
