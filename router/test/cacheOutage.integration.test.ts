// Redis going away under the router's caches: no request fails, the outage is logged once and
// counted, Redis is not a readiness dependency, and when Redis comes back (with the entries it
// had, as a Redis with persistence does) nothing stale is served and caching resumes. The Redis
// here is a redis-server of this test's own, stopped and started by it.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog } from '../../test/support/capturedLog.js';
import { freePort } from '../../test/support/freePort.js';
import { freshSchemas } from '../../test/support/freshSchemas.js';
import { canStartRedisServer, startRedisServerProcess, type RedisServerProcess } from '../../test/support/redisServerProcess.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { routerMetric } from '../../test/support/scrapedMetrics.js';
import { callRouter, type Member } from '../../test/support/savingsGroupsThroughRouter.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

const SUMMARY = 'query Summary { me { financialSummary { totalIncome } } }';
const COMMAND_TIMEOUT_MS = 200;

describe.skipIf(!canStartRedisServer())('response cache while Redis is away', () => {
  let redis: RedisServerProcess;
  let subgraphs: InProcessSubgraphs;
  let router: InProcessRouter;
  const { log, lines } = capturedLog();

  beforeAll(async () => {
    redis = await startRedisServerProcess();
    subgraphs = await startSubgraphsInProcess({ schemas: await freshSchemas() });
    router = await startRouterInFrontOf(subgraphs, {
      caches: { redis: { url: redis.url, keyPrefix: subgraphs.redisKeyPrefix, commandTimeoutMs: COMMAND_TIMEOUT_MS } },
      log,
    });
  });

  afterAll(async () => {
    redis?.thaw();
    await router?.stop();
    await subgraphs?.stop();
    await redis?.remove();
  });

  async function summaryOf(member: Member) {
    const { status, headers, answer } = await router.post({ query: SUMMARY }, member.token);
    expect({ status, errors: answer.errors }).toEqual({ status: 200, errors: undefined });
    return { cache: headers.get('x-ledgerline-cache'), totalIncome: answer.data?.['me'].financialSummary.totalIncome as string };
  }

  const addIncome = (member: Member, amount: string) =>
    callRouter(
      router,
      'mutation($a: Money!) { addIncome(amount: $a, source: "Salary", date: "2026-11-01") { id } }',
      { a: amount },
      member.token,
    );

  /** Reads until one is a hit, each of them required to show `totalIncome`. */
  async function readUntilHit(member: Member, totalIncome: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const read = await summaryOf(member);
      expect(read.totalIncome).toBe(totalIncome);
      if (read.cache === 'hit') return;
      if (Date.now() > deadline) throw new Error('caching did not resume');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const outageLines = () => lines.filter((line) => line.msg.startsWith('cache store unreachable'));

  it('answers every read and write while Redis is down, then serves nothing stale and caches again once it is back', async () => {
    const ada = await router.register();
    await addIncome(ada, '100.00');
    expect(await summaryOf(ada)).toEqual({ cache: 'miss', totalIncome: '100.00' });
    expect(await summaryOf(ada)).toEqual({ cache: 'hit', totalIncome: '100.00' });

    // Saved to disk with the cached 100.00 and the generations it is keyed by.
    await redis.stop();
    for (let attempt = 0; attempt < 5; attempt += 1) expect(await summaryOf(ada)).toEqual({ cache: 'bypass', totalIncome: '100.00' });
    await addIncome(ada, '50.00');
    expect(await summaryOf(ada)).toEqual({ cache: 'bypass', totalIncome: '150.00' });
    expect((await fetch(`${router.origin}/readyz`)).status).toBe(200);
    expect(await routerMetric(router.metricsOrigin, 'ledgerline_router_cache_store_errors_total', { operation: 'get' })).toBeGreaterThan(0);
    expect(outageLines()).toHaveLength(1);

    // Back with the 100.00 entry: the invalidation it missed must still win.
    await redis.start();
    await readUntilHit(ada, '150.00');
    expect(await routerMetric(router.metricsOrigin, 'ledgerline_router_response_cache_invalidations_total', { kind: 'everyone' })).toBe(1);
    expect(lines.filter((line) => line.msg.startsWith('cache store reachable again'))).toHaveLength(1);
  });

  it('answers every request while Redis hangs, each waiting at most the command timeout for it', async () => {
    const bob = await router.register();
    await addIncome(bob, '10.00');
    expect(await summaryOf(bob)).toEqual({ cache: 'miss', totalIncome: '10.00' });
    const outagesBefore = outageLines().length;

    redis.freeze();
    try {
      const startedAt = Date.now();
      for (let attempt = 0; attempt < 5; attempt += 1) expect((await summaryOf(bob)).totalIncome).toBe('10.00');
      await addIncome(bob, '5.00');
      expect(await summaryOf(bob)).toMatchObject({ cache: 'bypass', totalIncome: '15.00' });
      // One timed-out call opens the outage; the rest leave the store alone instead of each waiting.
      expect(Date.now() - startedAt).toBeLessThan(5 * COMMAND_TIMEOUT_MS + 2_000);
      expect(outageLines()).toHaveLength(outagesBefore + 1);
    } finally {
      redis.thaw();
    }
    await readUntilHit(bob, '15.00');
  });
});

describe('response cache when Redis is not there at start-up', () => {
  let subgraphs: InProcessSubgraphs;
  let router: InProcessRouter;

  beforeAll(async () => {
    subgraphs = await startSubgraphsInProcess({ schemas: await freshSchemas() });
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    router = await startRouterInFrontOf(subgraphs, {
      caches: { redis: { url: nowhere, keyPrefix: 'ledgerline:', commandTimeoutMs: 200 } },
    });
  });

  afterAll(async () => {
    await router?.stop();
    await subgraphs?.stop();
  });

  it('starts, reports ready, and answers reads, writes and persisted queries without it', async () => {
    expect((await fetch(`${router.origin}/readyz`)).status).toBe(200);
    const ada = await router.register();
    await callRouter(router, 'mutation { addIncome(amount: "3.00", source: "Gift", date: "2026-11-01") { id } }', {}, ada.token);
    const read = await router.post({ query: SUMMARY }, ada.token);
    expect(read.answer).toEqual({ data: { me: { financialSummary: { totalIncome: '3.00' } } } });
    expect(read.headers.get('x-ledgerline-cache')).toBe('bypass');
    // Registered nowhere, so a hash alone is asked for again, and the query with it still answers.
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(SUMMARY).digest('hex') };
    expect((await router.post({ query: SUMMARY, extensions: { persistedQuery } }, ada.token)).answer).toEqual(read.answer);
    expect((await router.post({ extensions: { persistedQuery } }, ada.token)).answer.errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });
});
