import { describe, expect, it } from 'vitest';
import { inProcessLoginAttempts } from '../src/loginThrottle/inProcessLoginAttempts.js';
import type { LoginThrottleRules } from '../src/loginThrottle/loginAttempts.js';

const RULES: LoginThrottleRules = {
  attemptsPerAddress: 5,
  addressWindowMs: 60_000,
  failuresPerAccount: 3,
  failureWindowMs: 900_000,
  accountSlowdownMs: 5_000,
};

function throttleAt(rules: LoginThrottleRules = RULES) {
  const clock = { now: 1_000_000 };
  const store = inProcessLoginAttempts(rules, () => clock.now);
  return { store, clock };
}

const ATTACKER = { address: '203.0.113.66', account: 'ada@example.com' };
const OWNER = { address: '198.51.100.7', account: 'ada@example.com' };

async function failTimes(store: ReturnType<typeof throttleAt>['store'], attempt: typeof ATTACKER, times: number) {
  for (let i = 0; i < times; i += 1) {
    expect(await store.admit(attempt)).toEqual({ admitted: true });
    await store.failed(attempt);
  }
}

describe('the address limit', () => {
  it('admits as many attempts as allowed in a window, then refuses until the window ends', async () => {
    const { store, clock } = throttleAt();
    for (let i = 0; i < 5; i += 1) expect((await store.admit({ address: '192.0.2.1', account: null })).admitted).toBe(true);
    clock.now += 20_000;
    expect(await store.admit({ address: '192.0.2.1', account: null })).toEqual({ admitted: false, limit: 'address', retryAfterMs: 40_000 });
    expect((await store.admit({ address: '192.0.2.2', account: null })).admitted).toBe(true);
    clock.now += 40_000;
    expect((await store.admit({ address: '192.0.2.1', account: null })).admitted).toBe(true);
  });

  it('counts right passwords as well as wrong ones', async () => {
    const { store } = throttleAt({ ...RULES, attemptsPerAddress: 2 });
    for (let i = 0; i < 2; i += 1) {
      await store.admit(OWNER);
      await store.succeeded(OWNER);
    }
    expect(await store.admit(OWNER)).toMatchObject({ admitted: false, limit: 'address' });
  });
});

describe('the account limit', () => {
  it('lets an account be tried freely until it has as many wrong passwords as allowed', async () => {
    const { store } = throttleAt({ ...RULES, attemptsPerAddress: 100 });
    await failTimes(store, ATTACKER, 3);
    expect(await store.admit(ATTACKER)).toEqual({ admitted: true });
  });

  it('then allows each address one attempt per slowdown period: a rate, not a lockout', async () => {
    const { store, clock } = throttleAt({ ...RULES, attemptsPerAddress: 100 });
    await failTimes(store, ATTACKER, 3);
    expect(await store.admit(ATTACKER)).toEqual({ admitted: true });
    clock.now += 2_000;
    expect(await store.admit(ATTACKER)).toEqual({ admitted: false, limit: 'account', retryAfterMs: 3_000 });
    clock.now += 3_000;
    expect(await store.admit(ATTACKER)).toEqual({ admitted: true });
  });

  it('keeps the owner’s own slot while an attacker hammers from another address', async () => {
    const { store } = throttleAt({ ...RULES, attemptsPerAddress: 100 });
    await failTimes(store, ATTACKER, 3);
    await store.admit(ATTACKER);
    expect((await store.admit(ATTACKER)).admitted).toBe(false);
    expect(await store.admit(OWNER)).toEqual({ admitted: true });
  });

  it('compares accounts only: another account is not slowed', async () => {
    const { store } = throttleAt({ ...RULES, attemptsPerAddress: 100 });
    await failTimes(store, ATTACKER, 3);
    await store.admit(ATTACKER);
    expect(await store.admit({ ...ATTACKER, account: 'bo@example.com' })).toEqual({ admitted: true });
  });

  it('forgets the wrong passwords a window after the last one', async () => {
    const { store, clock } = throttleAt({ ...RULES, attemptsPerAddress: 100 });
    await failTimes(store, ATTACKER, 3);
    clock.now += 900_000;
    await store.admit(ATTACKER);
    expect(await store.admit(ATTACKER)).toEqual({ admitted: true });
  });

  it('clears on success the failures of the address it came from, and only those', async () => {
    const { store } = throttleAt({ ...RULES, attemptsPerAddress: 100 });
    await failTimes(store, OWNER, 2);
    await failTimes(store, ATTACKER, 1);
    await store.admit(OWNER);
    await store.succeeded(OWNER);
    // One wrong password from the attacker is left: two more and the account is slowed again.
    await failTimes(store, ATTACKER, 2);
    await store.admit(ATTACKER);
    expect((await store.admit(ATTACKER)).admitted).toBe(false);
  });

  it('says nothing of an attempt that named no account the router could read', async () => {
    const { store } = throttleAt({ ...RULES, attemptsPerAddress: 100 });
    await failTimes(store, ATTACKER, 3);
    expect(await store.admit({ address: ATTACKER.address, account: null })).toEqual({ admitted: true });
    expect(await store.admit({ address: ATTACKER.address, account: null })).toEqual({ admitted: true });
  });
});
