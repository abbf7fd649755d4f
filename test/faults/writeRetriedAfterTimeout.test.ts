// A write whose answer the client never gets, retried with its Idempotency-Key against the real
// processes: applied exactly once. Three ways to lose an answer: the network drops it after
// Finance committed (a proxy between the router and Finance eats the response), Finance frozen
// (SIGSTOP) with the write unread until after the router gave up, and Finance held up past the
// router's deadline by a lock on its table. In the last two Finance must not commit late either.
import { CLOCK_SKEW_ALLOWANCE_MS } from '@ledgerline/service-runtime';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordFaultCounts } from '../support/faultCounts.js';
import { startFaultyProxy, type FaultyProxy } from '../support/faultyProxy.js';
import { routerAt } from '../support/routerAt.js';
import type { Member } from '../support/savingsGroupsThroughRouter.js';
import { startServiceProcesses, type ServiceProcesses } from '../support/serviceProcesses.js';
import { postgresServerUrl } from '../support/testDatabase.js';

const CALL_TIMEOUT_MS = 1_500;

let services: ServiceProcesses;
let proxy: FaultyProxy | undefined;
let member: Member;
const counts = { faultsInjected: 0, requestsSent: 0, requestsFailed: 0, acknowledgedWritesLost: 0 };

beforeAll(async () => {
  services = await startServiceProcesses(inject('databaseUrl'), {
    env: { SUBGRAPH_TIMEOUT_MS: String(CALL_TIMEOUT_MS) },
    financeUrlForRouter: async (financeUrl) => {
      proxy = await startFaultyProxy(financeUrl);
      return proxy.url;
    },
  });
  member = await routerAt(services.routerOrigin).register();
});

afterAll(async () => {
  await services?.stop();
  await proxy?.close();
  recordFaultCounts('write-retried-after-timeout', counts);
});

async function addIncome(source: string, key: string) {
  counts.requestsSent += 1;
  const response = await fetch(`${services.routerOrigin}/income`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${member.token}`, 'idempotency-key': key },
    body: JSON.stringify({ userId: Number(member.userId), amount: 12.34, source, date: '2026-11-06' }),
  });
  const body = (await response.json()) as { incomeId?: number; error?: { code: string } };
  if (response.status !== 201) counts.requestsFailed += 1;
  return { status: response.status, body };
}

async function storedIncomes(source: string): Promise<number[]> {
  const answer = await routerAt(services.routerOrigin).graphql('{ me { incomes(limit: 500) { id source } } }', {}, member.token);
  const incomes = (answer.data?.['me'] as { incomes: { id: string; source: string }[] }).incomes;
  return incomes.filter((income) => income.source === source).map((income) => Number(income.id));
}

describe('a write whose answer was lost, retried with its Idempotency-Key', { timeout: 60_000 }, () => {
  it('is applied once when Finance committed and the answer was lost on the way back', async () => {
    await proxy!.set('lose-answers');
    counts.faultsInjected += 1;
    const lost = await addIncome('Lost answer', 'fault-lost-answer');
    expect(lost).toEqual({ status: 504, body: { error: expect.objectContaining({ code: 'SUBGRAPH_TIMEOUT' }) } });
    await proxy!.set('pass');
    const retried = await addIncome('Lost answer', 'fault-lost-answer');
    expect(retried.status).toBe(201);
    const stored = await storedIncomes('Lost answer');
    expect(stored).toEqual([retried.body.incomeId]);
  });

  it('is not applied late by a Finance frozen with the write unread, thawed after the router gave up; the retry writes it', async () => {
    services.freeze('finance');
    counts.faultsInjected += 1;
    let timedOut;
    try {
      timedOut = await addIncome('Frozen', 'fault-frozen');
      // Past the deadline by more than the clock skew a subgraph allows (CLOCK_SKEW_ALLOWANCE_MS).
      await new Promise((resolve) => setTimeout(resolve, CLOCK_SKEW_ALLOWANCE_MS + 200));
    } finally {
      services.thaw('finance');
    }
    expect(timedOut.status).toBe(504);
    // Thawed, Finance reads the write past its deadline: it must refuse it, not commit it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await storedIncomes('Frozen')).toEqual([]);
    const retried = await addIncome('Frozen', 'fault-frozen');
    expect(retried.status).toBe(201);
    expect(await storedIncomes('Frozen')).toEqual([retried.body.incomeId]);
  });

  it.skipIf(postgresServerUrl() === null)(
    'is applied once when Finance was held up past the deadline: nothing committed late, the retry writes it',
    async () => {
      const url = new URL(inject('databaseUrl'));
      const locker = new pg.Client({ connectionString: url.toString() });
      await locker.connect();
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE finance.incomes IN EXCLUSIVE MODE');
        counts.faultsInjected += 1;
        const timedOut = await addIncome('Held up', 'fault-held-up');
        expect(timedOut.status).toBe(504);
        // Finance's transaction ends at the deadline; give it the time to roll back before the lock goes.
        await new Promise((resolve) => setTimeout(resolve, 500));
      } finally {
        await locker.query('ROLLBACK');
        await locker.end();
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await storedIncomes('Held up')).toEqual([]);
      const retried = await addIncome('Held up', 'fault-held-up');
      expect(retried.status).toBe(201);
      expect(await storedIncomes('Held up')).toEqual([retried.body.incomeId]);
    },
  );
});
