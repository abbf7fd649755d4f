// Redis is a cache and an event bus here, never the record: when its process dies under load, every
// read and write through the router must still be answered in full, and every write kept. The Redis
// is a redis-server of this test's own, which the stack (router and both subgraphs) uses for all of it.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContinuousLoad } from '../support/continuousLoad.js';
import { recordFaultCounts } from '../support/faultCounts.js';
import { canStartRedisServer, startRedisServerProcess, type RedisServerProcess } from '../support/redisServerProcess.js';
import { RequestTally, sendThrough } from '../support/requestOutcomes.js';
import { startRouterInFrontOf, type InProcessRouter } from '../support/routerInProcess.js';
import type { Member } from '../support/savingsGroupsThroughRouter.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../support/subgraphsInProcess.js';
import { acknowledgedWritesMissing, addIncomeThrough, amountOfWrite, type IncomeWrite } from '../support/trackedIncomeWrites.js';

const CALLERS = 4;
/** Of every this many requests a caller sends, one is a write. */
const WRITE_EVERY = 4;
const LOAD_BEFORE_KILL_MS = 1_000;
const LOAD_AFTER_KILL_MS = 2_000;
const DASHBOARD = '{ me { id username financialSummary { totalIncome } } }';

describe.skipIf(!canStartRedisServer())('Redis killed under load (needs redis-server on the PATH)', () => {
  let redis: RedisServerProcess;
  let subgraphs: InProcessSubgraphs;
  let router: InProcessRouter;

  beforeAll(async () => {
    redis = await startRedisServerProcess();
    subgraphs = await startSubgraphsInProcess({ redisUrl: redis.url });
    router = await startRouterInFrontOf(subgraphs, { redisUrl: redis.url });
  });

  afterAll(async () => {
    try {
      // Back (empty), so the stack stops as it always does, clearing its keys from the Redis it was given.
      await redis?.start();
      await router?.stop();
      await subgraphs?.stop();
    } finally {
      // Whatever failed before, no redis-server or data directory is left behind.
      await redis?.remove();
    }
  });

  it('answers every read and write in full and keeps every write when redis-server is SIGKILLed', async () => {
    const members: Member[] = await Promise.all(Array.from({ length: CALLERS }, () => router.register()));
    const tally = new RequestTally();
    const writes: IncomeWrite[] = [];
    let killedAt = Infinity;
    // How the router's response cache answered reads (x-ledgerline-cache), before and after the kill.
    const cacheAnswers = { beforeKill: new Set<string>(), afterKill: new Set<string>() };

    const load = startContinuousLoad(CALLERS, async (caller, sentBefore) => {
      const member = members[caller]!;
      const sentAt = Date.now();
      if (sentBefore % WRITE_EVERY === WRITE_EVERY - 1) {
        const write = await addIncomeThrough(router, member, amountOfWrite(sentBefore));
        writes.push(write);
        tally.count(write.outcome);
      } else {
        const read = await sendThrough(router, { query: DASHBOARD }, member.token);
        tally.count(read);
        const cache = read.answered ? read.headers.get('x-ledgerline-cache') : null;
        if (cache !== null) cacheAnswers[sentAt < killedAt ? 'beforeKill' : 'afterKill'].add(cache);
      }
    });
    await sleep(LOAD_BEFORE_KILL_MS);
    killedAt = Date.now();
    await redis.kill();
    await sleep(LOAD_AFTER_KILL_MS);
    await load.stop();

    const lost = await acknowledgedWritesMissing(subgraphs.databases.finance, writes);
    recordFaultCounts('redis-killed', {
      faultsInjected: 1,
      requestsSent: tally.sent,
      requestsFailed: tally.failed,
      acknowledgedWritesLost: lost.length,
    });
    // Redis was in the path before the kill, and the reads after it went around it.
    expect(cacheAnswers.beforeKill).toContain('hit');
    expect(cacheAnswers.afterKill).toContain('bypass');
    expect(writes.filter((write) => write.sentAt >= killedAt).length).toBeGreaterThan(0);
    expect(Object.fromEntries(tally.failures)).toEqual({});
    expect(writes.filter((write) => write.acknowledgedId === null)).toEqual([]);
    expect(lost).toEqual([]);
  });
});
