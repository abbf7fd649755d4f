// Login throttling as a client meets it, over real sockets to in-process routers: 429 with
// Retry-After per address and per account, on REST and GraphQL alike; an account slowed, never
// locked, so its owner gets in while an attacker hammers it; a burst that answers 401, 429 or
// 503 and never 500; the counts shared by two routers through Redis, and logins let through while
// Redis is away. Clients behind a trusted proxy (TRUST_PROXY_HOPS=1) are told apart by X-Forwarded-For.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFrom, type Contract, type OpenApiDocument } from '../../test/support/openapiContract.js';
import { redisForTests } from '../../test/support/redisForTests.js';
import { canStartRedisServer, startRedisServerProcess, type RedisServerProcess } from '../../test/support/redisServerProcess.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import type { Member } from '../../test/support/savingsGroupsThroughRouter.js';
import { routerMetric } from '../../test/support/scrapedMetrics.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

/** Behind one trusted proxy, with limits small enough to reach in a test. */
const THROTTLED = {
  TRUST_PROXY_HOPS: '1',
  LOGIN_ATTEMPTS_PER_ADDRESS: '6',
  LOGIN_ADDRESS_WINDOW_SECONDS: '60',
  LOGIN_FAILURES_PER_ACCOUNT: '3',
  LOGIN_ACCOUNT_SLOWDOWN_SECONDS: '60',
};

const LOGIN = 'mutation LogIn($email: String!, $password: String!) { login(email: $email, password: $password) { token userId } }';

interface LoginAnswer {
  status: number;
  retryAfter: string | null;
  code: string | undefined;
  message: string | undefined;
}

let addressCount = 0;
/** A client address of its own for each caller (198.18.0.0/15 is set aside for tests like these). */
const newAddress = () => `198.18.${(addressCount += 1) >> 8}.${addressCount & 255}`;

let contract: Contract;

async function restLogin(router: InProcessRouter, address: string, email: string, password: string): Promise<LoginAnswer> {
  const response = await fetch(`${router.origin}/user/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { error?: { code: string; message: string } };
  const problems = contract.problemsWith({
    method: 'POST',
    path: '/user/login',
    status: response.status,
    contentType: response.headers.get('content-type'),
    body,
  });
  expect(problems).toEqual([]);
  return { status: response.status, retryAfter: response.headers.get('retry-after'), code: body.error?.code, message: body.error?.message };
}

async function graphqlLogin(router: InProcessRouter, address: string, email: string, password: string) {
  const response = await fetch(`${router.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query: LOGIN, variables: { email, password } }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

/** Wrong passwords from `address` until one is refused with 429 (at most `limit` tries); the refusal. */
async function untilRefused(router: InProcessRouter, address: string, email: string, limit = 20): Promise<LoginAnswer> {
  for (let i = 0; i < limit; i += 1) {
    const answer = await restLogin(router, address, email, 'not the password');
    if (answer.status === 429) return answer;
    expect(answer.status).toBe(401);
  }
  throw new Error(`no 429 after ${limit} wrong passwords`);
}

const seconds = (header: string | null) => Number(header);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let subgraphs: InProcessSubgraphs;

beforeAll(async () => {
  // One hash at a time and two waiting: a burst of logins is more than the User service takes.
  subgraphs = await startSubgraphsInProcess({ passwordHashing: { concurrency: 1, queueLength: 2 } });
});

afterAll(async () => {
  await subgraphs.stop();
});

describe('a router without Redis', () => {
  let router: InProcessRouter;
  let owner: Member;

  beforeAll(async () => {
    router = await startRouterInFrontOf(subgraphs, { environment: THROTTLED });
    contract = contractFrom((await (await fetch(`${router.origin}/openapi.json`)).json()) as OpenApiDocument);
    owner = await router.register();
  });

  afterAll(async () => {
    await router.stop();
  });

  it('answers 429 TOO_MANY_REQUESTS with Retry-After once an address has used its attempts, on REST and on GraphQL', async () => {
    const address = newAddress();
    const answers: LoginAnswer[] = [];
    for (let i = 0; i < 6; i += 1) answers.push(await restLogin(router, address, `nobody-${i}@example.test`, 'wrong password'));
    expect(answers.map(({ status }) => status)).toEqual([401, 401, 401, 401, 401, 401]);

    const refused = await restLogin(router, address, owner.email, owner.password);
    expect(refused).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(refused.message).toContain('from this address');
    expect(seconds(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(seconds(refused.retryAfter)).toBeLessThanOrEqual(60);

    const overGraphQL = await graphqlLogin(router, address, owner.email, owner.password);
    expect(overGraphQL.status).toBe(429);
    expect(seconds(overGraphQL.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(overGraphQL.body.errors?.[0]?.extensions).toEqual({
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: seconds(overGraphQL.retryAfter),
    });

    // Another address is not held back by this one.
    expect((await restLogin(router, newAddress(), owner.email, owner.password)).status).toBe(200);
  });

  it('slows an account after its wrong passwords to one attempt per address, and lets its owner in from elsewhere meanwhile', async () => {
    const victim = await router.register();
    const attacker = newAddress();
    // The same account whatever the case or spaces of the email.
    const email = `  ${victim.email.toUpperCase()} `;
    for (let i = 0; i < 3; i += 1) expect((await restLogin(router, attacker, email, 'guess')).status).toBe(401);
    // Its one attempt in this slowdown period, then 429 naming the account.
    expect((await restLogin(router, attacker, email, 'guess')).status).toBe(401);
    const slowed = await restLogin(router, attacker, email, 'guess');
    expect(slowed).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(slowed.message).toContain('for this account');

    // The attacker keeps hammering while the owner signs in from home.
    const hammering = Array.from({ length: 5 }, () => restLogin(router, attacker, email, 'guess'));
    const ownerAnswer = await restLogin(router, newAddress(), victim.email, victim.password);
    expect(ownerAnswer.status).toBe(200);
    expect((await Promise.all(hammering)).map(({ status }) => status)).toEqual([429, 429, 429, 429, 429]);
  });

  it('clears an account’s wrong passwords from the address that then signed in', async () => {
    const member = await router.register();
    const home = newAddress();
    for (let i = 0; i < 2; i += 1) expect((await restLogin(router, home, member.email, 'typo')).status).toBe(401);
    expect((await restLogin(router, home, member.email, member.password)).status).toBe(200);
    // Two more typos would have slowed the account had the first two still counted.
    for (let i = 0; i < 2; i += 1) expect((await restLogin(router, home, member.email, 'typo')).status).toBe(401);
    expect((await restLogin(router, home, member.email, member.password)).status).toBe(200);
  });

  it('refuses two logins in one operation, which would be two guesses for one attempt', async () => {
    const response = await fetch(`${router.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation { a: login(email: "${owner.email}", password: "one") { token } b: login(email: "${owner.email}", password: "two") { token } }`,
      }),
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers a burst of 200 wrong passwords from 20 parallel clients with 401, 429 or 503 only, each refusal with Retry-After', async () => {
    const target = await router.register();
    const clients = Array.from({ length: 20 }, () => newAddress());
    const answers = (
      await Promise.all(
        clients.map(async (address) => {
          const mine: LoginAnswer[] = [];
          for (let i = 0; i < 10; i += 1) mine.push(await restLogin(router, address, target.email, `wrong-${i}`));
          return mine;
        }),
      )
    ).flat();

    const statuses = new Set(answers.map(({ status }) => status));
    expect([...statuses].sort()).toEqual([401, 429, 503].filter((status) => statuses.has(status)));
    expect(statuses.has(429)).toBe(true);
    for (const refusal of answers.filter(({ status }) => status !== 401)) {
      expect(refusal.code).toBe(refusal.status === 429 ? 'TOO_MANY_REQUESTS' : 'SERVICE_BUSY');
      expect(seconds(refusal.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // The owner, from an address of their own, still signs in.
    expect((await restLogin(router, newAddress(), target.email, target.password)).status).toBe(200);
  });

  it('tells the User service’s busy answer to REST callers as 503 SERVICE_BUSY with Retry-After', async () => {
    // Ten at once from ten addresses: more hashes than one slot and a queue of two take.
    const answers = await Promise.all(Array.from({ length: 10 }, () => restLogin(router, newAddress(), owner.email, 'wrong')));
    const busy = answers.filter(({ status }) => status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]).toMatchObject({ code: 'SERVICE_BUSY', retryAfter: '1' });
    expect(answers.every(({ status }) => status === 401 || status === 503)).toBe(true);
  });
});

describe('a router that trusts no proxy', () => {
  it('counts every request by its socket’s address, whatever X-Forwarded-For claims', async () => {
    const router = await startRouterInFrontOf(subgraphs, { environment: { ...THROTTLED, TRUST_PROXY_HOPS: '0' } });
    try {
      // A new claimed address each time, from one socket address: refused all the same.
      const refusal = await untilRefused(router, newAddress(), 'nobody@example.test', 7);
      expect(refusal.code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await router.stop();
    }
  });
});

describe('a router with a short address window', () => {
  it('lets an address try again once the Retry-After it was given has passed', async () => {
    const router = await startRouterInFrontOf(subgraphs, {
      environment: { ...THROTTLED, LOGIN_ATTEMPTS_PER_ADDRESS: '2', LOGIN_ADDRESS_WINDOW_SECONDS: '1' },
    });
    try {
      const address = newAddress();
      const refusal = await untilRefused(router, address, 'nobody@example.test');
      await sleep(seconds(refusal.retryAfter) * 1000);
      expect((await restLogin(router, address, 'nobody@example.test', 'wrong')).status).toBe(401);
    } finally {
      await router.stop();
    }
  });
});

const redisUrl = await redisForTests();

describe('two routers sharing one Redis', () => {
  it.skipIf(redisUrl === null)('count an address’s attempts and an account’s wrong passwords together', async () => {
    const environment = { ...THROTTLED, LOGIN_ATTEMPTS_PER_ADDRESS: '4' };
    const options = { redisUrl: redisUrl!, environment };
    const [first, second] = [await startRouterInFrontOf(subgraphs, options), await startRouterInFrontOf(subgraphs, options)];
    try {
      const address = newAddress();
      const answers = [];
      for (const router of [first, second, first, second]) answers.push(await restLogin(router, address, 'nobody@example.test', 'x'));
      expect(answers.map(({ status }) => status)).toEqual([401, 401, 401, 401]);
      expect(await restLogin(second, address, 'nobody@example.test', 'x')).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });

      // Three wrong passwords, split between the routers, slow the account on both.
      const victim = await first.register();
      const attacker = newAddress();
      for (const router of [first, second, first]) expect((await restLogin(router, attacker, victim.email, 'guess')).status).toBe(401);
      expect((await restLogin(second, attacker, victim.email, 'guess')).status).toBe(401);
      expect(await restLogin(first, attacker, victim.email, 'guess')).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
      expect((await restLogin(second, newAddress(), victim.email, victim.password)).status).toBe(200);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});

describe.skipIf(!canStartRedisServer())('a router whose Redis is away', () => {
  let redis: RedisServerProcess;
  let router: InProcessRouter;

  beforeAll(async () => {
    redis = await startRedisServerProcess();
    router = await startRouterInFrontOf(subgraphs, {
      redisUrl: redis.url,
      environment: { ...THROTTLED, LOGIN_ATTEMPTS_PER_ADDRESS: '2', REDIS_COMMAND_TIMEOUT_MS: '200' },
    });
  });

  afterAll(async () => {
    await router.stop();
    await redis.remove();
  });

  it('lets logins through unthrottled rather than refusing them, and counts the failed checks', async () => {
    const member = await router.register();
    await redis.kill();
    const address = newAddress();
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await restLogin(router, address, member.email, 'wrong'));
    expect(answers.map(({ status }) => status)).toEqual([401, 401, 401, 401]);
    expect((await restLogin(router, address, member.email, member.password)).status).toBe(200);
    expect(
      await routerMetric(router.metricsOrigin, 'ledgerline_router_login_throttle_store_errors_total', { step: 'admit' }),
    ).toBeGreaterThan(0);
  });
});
