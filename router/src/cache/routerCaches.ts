// The router's caches, built from its settings: the store (Redis, shared by every replica, or an
// in-process LRU), the response cache on it, and the store automatic persisted queries use.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, PrefixingKeyValueCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from '@ledgerline/service-runtime';
import { Redis } from 'ioredis';
import type { CacheSettings } from '../config.js';
import type { RouterContext } from '../context.js';
import type { RouterMetrics } from '../metrics.js';
import { CACHED_KINDS, RESPONSE_CACHE_VERSION } from './cachePolicy.js';
import { cacheGenerations, type CacheGenerations } from './cacheGenerations.js';
import { outageTolerantCache, type OutageTolerantCache } from './outageTolerantCache.js';
import { persistedQueryCounting } from './persistedQueryCounting.js';
import { RedisKeyValueCache } from './redisKeyValueCache.js';
import { responseCachePlugin } from './responseCachePlugin.js';

/** After a failed call, requests leave the store alone this long before one tries it again. */
const RETRY_AFTER_MS = 1_000;
/** How long start-up waits for Redis before serving without it (it is not a readiness dependency). */
const CONNECT_WAIT_MS = 2_000;

export interface RouterCaches {
  /** Where automatic persisted queries are kept. */
  persistedQueries: KeyValueCache<string>;
  plugins: ApolloServerPlugin<RouterContext>[];
  /** Drops everything cached of an account whose tokens were revoked elsewhere. */
  forgetAccount(userId: number): Promise<void>;
  close(): Promise<void>;
}

export async function routerCaches(
  settings: CacheSettings,
  context: { supergraphSdl: string; announceStatus: boolean; metrics: RouterMetrics; log: Logger },
): Promise<RouterCaches> {
  const { metrics, log } = context;
  const redis = settings.redis === null ? null : await connectedRedis(settings.redis.url, settings.redis.commandTimeoutMs);
  const keyPrefix = settings.redis?.keyPrefix ?? '';
  const store: KeyValueCache<string> =
    redis === null ? new InMemoryLRUCache<string>({ maxSize: settings.inProcessMiB * 2 ** 20 }) : new RedisKeyValueCache(redis);
  const cache = outageTolerantCache(store, {
    retryAfterMs: RETRY_AFTER_MS,
    failed: (operation) => metrics.cacheStoreErrors.inc({ operation }),
    outageBegan: (error) => log.warn({ err: error }, 'cache store unreachable: requests go straight to the subgraphs until it is back'),
    outageEnded: () => log.info('cache store reachable again: caching resumes'),
  });
  const generations = cacheGenerations(
    cache,
    {
      ofOwner: (ownerId, kind) => `${keyPrefix}cache:generation:u${ownerId}:${kind}`,
      everyone: `${keyPrefix}cache:generation:everyone`,
    },
    { retryAfterMs: RETRY_AFTER_MS, advanced: (kind) => metrics.responseCacheInvalidations.inc({ kind }) },
  );
  return {
    persistedQueries: new PrefixingKeyValueCache(cache, keyPrefix),
    plugins: [
      persistedQueryCounting(metrics),
      ...(settings.responsesEnabled ? [responses(cache, generations, `${keyPrefix}cache:response:`, context)] : []),
    ],
    forgetAccount: (userId) => generations.advance(userId, CACHED_KINDS),
    async close() {
      generations.stop();
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

function responses(
  cache: OutageTolerantCache,
  generations: CacheGenerations,
  keyPrefix: string,
  context: { supergraphSdl: string; announceStatus: boolean; metrics: RouterMetrics },
): ApolloServerPlugin<RouterContext> {
  // A supergraph that changed (a rolling deploy) reads none of the entries of the one before.
  const shape = `v${RESPONSE_CACHE_VERSION}.${createHash('sha256').update(context.supergraphSdl).digest('hex').slice(0, 12)}`;
  return responseCachePlugin({
    entries: cache,
    generations,
    entryKey: (ownerId, ownerGenerations, digest) => `${keyPrefix}${shape}:u${ownerId}:${ownerGenerations.join('.')}:${digest}`,
    metrics: context.metrics,
    announceStatus: context.announceStatus,
  });
}

/**
 * Commands fail at once while Redis is away (no offline queue, no retries) and after the timeout
 * when it hangs, so a request never waits on the cache for long; the connection comes back by itself.
 */
export async function connectedRedis(url: string, commandTimeoutMs: number): Promise<Redis> {
  const redis = new Redis(url, {
    connectionName: 'ledgerline-router-cache',
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Connection errors repeat on every reconnection attempt; outages are reported by the commands that fail.
  redis.on('error', () => undefined);
  // Resolves on 'ready', or on the first connection error (then the outage is reported by the commands that fail).
  const connected = once(redis, 'ready').catch(() => undefined);
  await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, CONNECT_WAIT_MS).unref())]);
  return redis;
}
