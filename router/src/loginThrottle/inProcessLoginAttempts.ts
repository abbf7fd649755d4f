// The login throttle's counts in this process, for a router without REDIS_URL: the rules of
// loginAttempts.ts on Maps that forget expired entries and never hold more than a fixed number.
import {
  MAX_ADDRESSES_PER_ACCOUNT,
  TOTAL_FAILURES,
  type Admission,
  type LoginAttempt,
  type LoginAttemptStore,
  type LoginThrottleRules,
} from './loginAttempts.js';

/** Per Map: past this, the entries least recently written go first (an attack on many accounts or addresses). */
const MAX_ENTRIES = 100_000;

interface Expiring<Value> {
  value: Value;
  expiresAt: number;
}

/** A Map whose entries expire and whose size is bounded; writes move an entry to the back. */
class ExpiringMap<Value> {
  private readonly entries = new Map<string, Expiring<Value>>();

  constructor(private readonly now: () => number) {}

  get(key: string): Expiring<Value> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.expiresAt > this.now()) return entry;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: Value, expiresAt: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt });
    if (this.entries.size <= MAX_ENTRIES) return;
    const oldest = this.entries.keys().next();
    if (oldest.done !== true) this.entries.delete(oldest.value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

export function inProcessLoginAttempts(rules: LoginThrottleRules, now: () => number = Date.now): LoginAttemptStore {
  const attemptsByAddress = new ExpiringMap<number>(now);
  const failuresByAccount = new ExpiringMap<Map<string, number>>(now);
  const slots = new ExpiringMap<true>(now);
  const slotKey = ({ account, address }: LoginAttempt) => `${account ?? ''} ${address}`;

  function admitAddress(address: string): Admission {
    const window = attemptsByAddress.get(address);
    const expiresAt = window?.expiresAt ?? now() + rules.addressWindowMs;
    const attempts = (window?.value ?? 0) + 1;
    attemptsByAddress.set(address, attempts, expiresAt);
    if (attempts <= rules.attemptsPerAddress) return { admitted: true };
    return { admitted: false, limit: 'address', retryAfterMs: expiresAt - now() };
  }

  function admitAccount(attempt: LoginAttempt): Admission {
    if (attempt.account === null) return { admitted: true };
    const failures = failuresByAccount.get(attempt.account)?.value.get(TOTAL_FAILURES) ?? 0;
    if (failures < rules.failuresPerAccount) return { admitted: true };
    const slot = slots.get(slotKey(attempt));
    if (slot !== undefined) return { admitted: false, limit: 'account', retryAfterMs: slot.expiresAt - now() };
    slots.set(slotKey(attempt), true, now() + rules.accountSlowdownMs);
    return { admitted: true };
  }

  return {
    async admit(attempt) {
      const byAddress = admitAddress(attempt.address);
      return byAddress.admitted ? admitAccount(attempt) : byAddress;
    },
    async failed(attempt) {
      const counts = failuresByAccount.get(attempt.account)?.value ?? new Map<string, number>();
      const fields =
        counts.has(attempt.address) || counts.size <= MAX_ADDRESSES_PER_ACCOUNT ? [attempt.address, TOTAL_FAILURES] : [TOTAL_FAILURES];
      for (const field of fields) counts.set(field, (counts.get(field) ?? 0) + 1);
      failuresByAccount.set(attempt.account, counts, now() + rules.failureWindowMs);
    },
    async succeeded(attempt) {
      slots.delete(slotKey(attempt));
      const entry = failuresByAccount.get(attempt.account);
      const mine = entry?.value.get(attempt.address);
      if (entry === undefined || mine === undefined) return;
      entry.value.delete(attempt.address);
      const left = (entry.value.get(TOTAL_FAILURES) ?? 0) - mine;
      if (left <= 0) failuresByAccount.delete(attempt.account);
      else entry.value.set(TOTAL_FAILURES, left);
    },
    async close() {},
  };
}
