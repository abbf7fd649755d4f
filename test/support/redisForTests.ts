// The Redis that bus tests use: REDIS_URL when set (CI sets it, and then it must answer), else a
// local Redis on the default port if one answers; tests that need it are skipped without one.
import { Redis } from 'ioredis';

export async function redisForTests(): Promise<string | null> {
  const configured = process.env['REDIS_URL'];
  const url = configured || 'redis://127.0.0.1:6379';
  try {
    await pingRedis(url);
    return url;
  } catch (error) {
    if (configured) throw new Error(`REDIS_URL is set but Redis does not answer there: ${String(error)}`);
    return null;
  }
}

/** Resolves when a Redis answers PING at `url`, on a connection of its own that is closed after; rejects at once otherwise. */
export async function pingRedis(url: string, connectTimeoutMs = 1_000): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: connectTimeoutMs });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } finally {
    probe.disconnect();
  }
}
