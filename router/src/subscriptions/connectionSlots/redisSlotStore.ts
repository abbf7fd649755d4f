// The slots in Redis, shared by every router replica: per key a sorted set with one member per open
// socket (its holder), scored by when the holder's lease runs out, on Redis's clock so that replicas'
// clocks never disagree. The replica holding the sockets renews all of its leases in one pipeline
// every third of a lease. A replica that dies without releasing its slots stops renewing them: once
// their leases have run out they count for nobody (the next take prunes them, and a key expires with
// its last lease). Taking is one Lua script, so two replicas never both take the last slot.
import type { Redis } from 'ioredis';
import type { SlotStore } from './slotStore.js';

/** Raised to v2 if the keys' meaning changes, so replicas of two versions never read each other's. */
const KEY_VERSION = 'websocket-slots:v1';

// KEYS[1]: the key's slots (holder → lease end, ms on Redis's clock). ARGV: holder, limit, lease ms.
// Answers 1 (taken, or held already) or 0 (every slot is held).
const TAKE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** Holders renewed per ZADD: one address may hold a benchmark's hundred thousand sockets. */
const HOLDERS_PER_COMMAND = 1_000;

export interface RedisSlotSettings {
  keyPrefix: string;
  /** How long a slot outlives the last renewal of the replica holding it. */
  leaseMs: number;
  /** A renewal failed: the leases it was to renew run out unless the next one succeeds. */
  renewalFailed(error: unknown): void;
}

export function redisSlotStore(redis: Redis, settings: RedisSlotSettings): SlotStore {
  const { leaseMs } = settings;
  const keyOf = (key: string) => `${settings.keyPrefix}${KEY_VERSION}:${key}`;
  /** This replica's holders and the key each holds a slot of: what it renews. */
  const held = new Map<string, string>();
  let renewing: Promise<void> | null = null;

  /**
   * Renews every slot this replica holds, and puts back any the store lost meanwhile (an outage
   * longer than a lease, a take that failed and let its socket in): each is a socket still open.
   */
  async function renew(): Promise<void> {
    if (held.size === 0) return;
    const [seconds, microseconds] = (await redis.time()).map(Number) as [number, number];
    const leaseEnd = seconds * 1000 + Math.floor(microseconds / 1000) + leaseMs;
    // Read after TIME answered: a slot released since is renewed no more, and its ZREM follows this pipeline on the connection.
    const holdersByKey = new Map<string, string[]>();
    for (const [holder, key] of held) {
      const holders = holdersByKey.get(key);
      if (holders === undefined) holdersByKey.set(key, [holder]);
      else holders.push(holder);
    }
    const pipeline = redis.pipeline();
    for (const [key, holders] of holdersByKey) {
      for (let start = 0; start < holders.length; start += HOLDERS_PER_COMMAND) {
        pipeline.zadd(key, ...holders.slice(start, start + HOLDERS_PER_COMMAND).flatMap((holder) => [leaseEnd, holder]));
      }
      pipeline.pexpire(key, leaseMs);
    }
    const failure = (await pipeline.exec())?.find(([error]) => error !== null)?.[0];
    if (failure) throw failure;
  }

  const renewal = setInterval(() => {
    renewing ??= renew()
      .catch((error: unknown) => settings.renewalFailed(error))
      .finally(() => (renewing = null));
  }, leaseMs / 3);
  renewal.unref();

  return {
    async take(key, holder, limit) {
      // Renewed only once taken: a renewal sent while the store decides could otherwise add a slot it refuses.
      let taken: boolean;
      try {
        taken = (await redis.eval(TAKE, 1, keyOf(key), holder, limit, leaseMs)) === 1;
      } catch (error) {
        // The socket is let in all the same: its slot is renewed into the store once Redis is back.
        held.set(holder, keyOf(key));
        throw error;
      }
      if (taken) held.set(holder, keyOf(key));
      return taken;
    },
    async release(key, holder) {
      // Not held: released already, or given back with every other when the store closed.
      if (!held.delete(holder)) return;
      await redis.zrem(keyOf(key), holder);
    },
    async close() {
      clearInterval(renewal);
      await renewing;
      // The replica is going away with its sockets: its slots go now rather than a lease later.
      const pipeline = redis.pipeline();
      for (const [holder, key] of held) pipeline.zrem(key, holder);
      held.clear();
      await pipeline.exec().catch(() => undefined);
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
