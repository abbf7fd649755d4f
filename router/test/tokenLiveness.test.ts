// The router's edge check of tokens on its own, in front of a stand-in for the User service's
// CheckToken whose answers the test decides, on a clock the test moves.
import { randomUUID } from 'node:crypto';
import { createLogger, DomainError, refusedToken, type TokenChecks } from '@ledgerline/service-runtime';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callerFor } from '../../test/support/callers.js';
import { rejectionOf } from '../../test/support/thrown.js';
import { tokenLiveness } from '../src/tokenLiveness.js';
import { routerMetrics } from '../src/metrics.js';

const SETTINGS = { cacheMs: 1_000, graceMs: 5_000 };
const log = createLogger('token-liveness-test', 'silent');

type Verdict = 'live' | 'revoked' | 'unreachable';

/** CheckToken as the test rules it, counting the questions asked. */
function userService() {
  const service = {
    verdict: 'live' as Verdict,
    asked: 0,
    /** When set, answers wait until the test lets them go. */
    held: null as Promise<void> | null,
    checks: {
      async assertLive() {
        service.asked += 1;
        if (service.held !== null) await service.held;
        if (service.verdict === 'revoked') throw refusedToken('revoked');
        if (service.verdict === 'unreachable') throw new DomainError('SERVICE_UNAVAILABLE', 'The user service is unreachable');
      },
      close: () => undefined,
    } satisfies TokenChecks,
  };
  return service;
}

const codeOf = async (promise: Promise<unknown>) => (await rejectionOf(promise, DomainError)).code;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T09:00:00Z') });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('tokenLiveness', () => {
  it('asks once for requests of one session arriving together, and reuses the answer for cacheMs', async () => {
    const service = userService();
    const liveness = tokenLiveness(service.checks, SETTINGS, routerMetrics(), log);
    const ada = callerFor(1);
    await Promise.all([liveness.assertLive(ada), liveness.assertLive(ada), liveness.assertLive(ada)]);
    expect(service.asked).toBe(1);
    vi.advanceTimersByTime(999);
    await liveness.assertLive(ada);
    expect(service.asked).toBe(1);
    vi.advanceTimersByTime(1);
    await liveness.assertLive(ada);
    expect(service.asked).toBe(2);
  });

  it('counts an answer reused as a hit and a wait for the User service as a miss', async () => {
    const metrics = routerMetrics();
    const liveness = tokenLiveness(userService().checks, SETTINGS, metrics, log);
    const lookups = async (result: 'hit' | 'miss') =>
      (await metrics.tokenLivenessLookups.get()).values.find((sample) => sample.labels.result === result)?.value ?? 0;
    const ada = callerFor(1);
    await Promise.all([liveness.assertLive(ada), liveness.assertLive(ada)]);
    await liveness.assertLive(ada);
    expect([await lookups('hit'), await lookups('miss')]).toEqual([1, 2]);
    vi.advanceTimersByTime(SETTINGS.cacheMs);
    await liveness.assertLive(ada);
    expect([await lookups('hit'), await lookups('miss')]).toEqual([1, 3]);
  });

  it('refuses a revoked token with UNAUTHENTICATED, and keeps that answer too', async () => {
    const service = userService();
    service.verdict = 'revoked';
    const liveness = tokenLiveness(service.checks, SETTINGS, routerMetrics(), log);
    expect(await codeOf(liveness.assertLive(callerFor(1)))).toBe('UNAUTHENTICATED');
    expect(service.asked).toBe(1);
  });

  it('forgets a logged-out session at once, and only it; an account-wide revocation forgets every session of the account', async () => {
    const service = userService();
    const liveness = tokenLiveness(service.checks, SETTINGS, routerMetrics(), log);
    const laptop = callerFor(1);
    const [phone, bob] = [{ ...laptop, sessionId: randomUUID() }, callerFor(2)];
    for (const caller of [laptop, phone, bob]) await liveness.assertLive(caller);
    service.verdict = 'revoked';

    liveness.revoked({ userId: 1, sessionId: laptop.sessionId });
    expect(await codeOf(liveness.assertLive(laptop))).toBe('UNAUTHENTICATED');
    await liveness.assertLive(phone);

    liveness.revoked({ userId: 1, sessionId: null });
    expect(await codeOf(liveness.assertLive(phone))).toBe('UNAUTHENTICATED');
    await liveness.assertLive(bob);
  });

  it('does not keep an answer asked for before a revocation was heard', async () => {
    const service = userService();
    const liveness = tokenLiveness(service.checks, SETTINGS, routerMetrics(), log);
    const ada = callerFor(1);
    let release!: () => void;
    service.held = new Promise((resolve) => (release = resolve));
    const inFlight = liveness.assertLive(ada);
    liveness.revoked({ userId: 1, sessionId: ada.sessionId });
    release();
    await inFlight;

    service.held = null;
    service.verdict = 'revoked';
    expect(await codeOf(liveness.assertLive(ada))).toBe('UNAUTHENTICATED');
  });

  it('serves a session seen live for graceMs past its answer while the User service cannot answer, then refuses it with SERVICE_UNAVAILABLE', async () => {
    const service = userService();
    const liveness = tokenLiveness(service.checks, SETTINGS, routerMetrics(), log);
    const [seen, unseen] = [callerFor(1), callerFor(2)];
    await liveness.assertLive(seen);
    service.verdict = 'unreachable';

    vi.advanceTimersByTime(SETTINGS.cacheMs + SETTINGS.graceMs - 1);
    await liveness.assertLive(seen);
    expect(await codeOf(liveness.assertLive(unseen))).toBe('SERVICE_UNAVAILABLE');
    vi.advanceTimersByTime(1);
    expect(await codeOf(liveness.assertLive(seen))).toBe('SERVICE_UNAVAILABLE');
  });

  it('gives no grace to a session revoked while the User service cannot answer', async () => {
    const service = userService();
    const liveness = tokenLiveness(service.checks, SETTINGS, routerMetrics(), log);
    const ada = callerFor(1);
    await liveness.assertLive(ada);
    service.verdict = 'unreachable';
    liveness.revoked({ userId: 1, sessionId: ada.sessionId });
    expect(await codeOf(liveness.assertLive(ada))).toBe('SERVICE_UNAVAILABLE');
  });
});
