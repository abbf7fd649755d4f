import { Redis } from 'ioredis';

/**
 * Deletes every key under a run's REDIS_KEY_PREFIX, as its database is dropped: what the
 * router's caches wrote would otherwise stay in a shared Redis for as long as their TTLs (days).
 */
export async function dropRedisNamespace(redisUrl: string, keyPrefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    // Test and bench prefixes hold no glob characters: `ledgerline-test-<hex>:`.
    for await (const keys of redis.scanStream({ match: `${keyPrefix}*`, count: 500 })) {
      if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}
