// The login throttle's counts in Redis, shared by every router replica: the rules of
// loginAttempts.ts, each step one Lua script so that replicas counting at once never lose a count.
// Every key has a TTL; an account's failures expire LOGIN_FAILURE_WINDOW_SECONDS after the last.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  MAX_ADDRESSES_PER_ACCOUNT,
  TOTAL_FAILURES,
  type Admission,
  type LoginAttempt,
  type LoginAttemptStore,
  type LoginThrottleRules,
} from './loginAttempts.js';

/** Raised to v2 if the keys' meaning changes, so replicas of two versions never read each other's. */
const KEY_VERSION = 'login-throttle:v1';

// KEYS: address attempts, account failures (hash: address → count, '*' → total), this address's slot on the account.
// ARGV: attempts per address, address window ms, failures per account, slowdown ms, '1' when an account is named.
// Answers {0, 0} (admitted), {1, ms} (address limit) or {2, ms} (account slowed), ms until it may try again.
const ADMIT = `
local attempts = redis.call('INCR', KEYS[1])
if attempts == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if attempts > tonumber(ARGV[1]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
  return {1, ttl}
end
if ARGV[5] ~= '1' then return {0, 0} end
local failures = tonumber(redis.call('HGET', KEYS[2], '${TOTAL_FAILURES}') or '0')
if failures < tonumber(ARGV[3]) then return {0, 0} end
if redis.call('SET', KEYS[3], '1', 'PX', ARGV[4], 'NX') then return {0, 0} end
return {2, redis.call('PTTL', KEYS[3])}
`;

// KEYS: account failures. ARGV: address, failure window ms.
const FAILED = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 or redis.call('HLEN', KEYS[1]) <= ${MAX_ADDRESSES_PER_ACCOUNT} then
  redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
end
redis.call('HINCRBY', KEYS[1], '${TOTAL_FAILURES}', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

// KEYS: account failures, this address's slot on the account. ARGV: address.
const SUCCEEDED = `
redis.call('DEL', KEYS[2])
local mine = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if mine == 0 then return end
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('HINCRBY', KEYS[1], '${TOTAL_FAILURES}', -mine) <= 0 then redis.call('DEL', KEYS[1]) end
`;

export function redisLoginAttempts(redis: Redis, keyPrefix: string, rules: LoginThrottleRules): LoginAttemptStore {
  const prefix = `${keyPrefix}${KEY_VERSION}`;
  // Emails are the caller's text: hashed, every key is short and of one alphabet.
  const accountKey = (account: string) => `${prefix}:account:${createHash('sha256').update(account).digest('base64url')}`;
  const addressKey = (address: string) => `${prefix}:address:${address}`;
  const slotKey = (account: string, address: string) => `${accountKey(account)}:slot:${address}`;

  return {
    async admit({ address, account }: LoginAttempt): Promise<Admission> {
      const keys = [addressKey(address), accountKey(account ?? ''), slotKey(account ?? '', address)];
      const args = [
        rules.attemptsPerAddress,
        rules.addressWindowMs,
        rules.failuresPerAccount,
        rules.accountSlowdownMs,
        account === null ? '0' : '1',
      ];
      const [verdict, waitMs] = (await redis.eval(ADMIT, keys.length, ...keys, ...args)) as [number, number];
      if (verdict === 0) return { admitted: true };
      return { admitted: false, limit: verdict === 1 ? 'address' : 'account', retryAfterMs: Math.max(waitMs, 0) };
    },
    async failed({ address, account }) {
      await redis.eval(FAILED, 1, accountKey(account), address, rules.failureWindowMs);
    },
    async succeeded({ address, account }) {
      await redis.eval(SUCCEEDED, 2, accountKey(account), slotKey(account, address), address);
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
