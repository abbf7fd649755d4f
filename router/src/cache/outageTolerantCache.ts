// A cache that is never the reason a request fails: while its store is unreachable, reads miss
// and writes are dropped at once, without waiting on the store for every request. An outage is
// reported once when it begins and once when it ends; every failed call is counted.
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';

export type CacheOperation = 'get' | 'set' | 'delete';

export interface OutageReports {
  /** How long after a failure the store is left alone before a request tries it again. */
  retryAfterMs: number;
  failed(operation: CacheOperation, error: unknown): void;
  outageBegan(error: unknown): void;
  outageEnded(): void;
}

export interface OutageTolerantCache extends KeyValueCache<string> {
  /** Like get, but null when the store could not be asked (undefined is a miss). */
  tryGet(key: string): Promise<string | undefined | null>;
  /** Like set, but says whether the value reached the store. */
  trySet(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<boolean>;
  /** False from a failure until a call succeeds again. */
  reachable(): boolean;
}

type Attempt<T> = { reached: true; value: T } | { reached: false };

export function outageTolerantCache(store: KeyValueCache<string>, reports: OutageReports): OutageTolerantCache {
  let unreachable = false;
  let leaveAloneUntil = 0;

  async function attempt<T>(operation: CacheOperation, call: () => Promise<T>): Promise<Attempt<T>> {
    if (unreachable && Date.now() < leaveAloneUntil) return { reached: false };
    try {
      const value = await call();
      if (unreachable) {
        unreachable = false;
        reports.outageEnded();
      }
      return { reached: true, value };
    } catch (error) {
      reports.failed(operation, error);
      leaveAloneUntil = Date.now() + reports.retryAfterMs;
      if (!unreachable) {
        unreachable = true;
        reports.outageBegan(error);
      }
      return { reached: false };
    }
  }

  return {
    async get(key) {
      const read = await attempt('get', () => store.get(key));
      return read.reached ? read.value : undefined;
    },
    async tryGet(key) {
      const read = await attempt('get', () => store.get(key));
      return read.reached ? read.value : null;
    },
    async set(key, value, options) {
      await attempt('set', () => store.set(key, value, options));
    },
    async trySet(key, value, options) {
      return (await attempt('set', () => store.set(key, value, options))).reached;
    },
    async delete(key) {
      const deleted = await attempt('delete', () => store.delete(key));
      return deleted.reached ? deleted.value : false;
    },
    reachable: () => !unreachable,
  };
}
