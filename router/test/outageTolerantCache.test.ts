// The cache store's failures never reach a request: they read as misses and dropped writes, an
// outage is reported once when it begins and once when it ends, and while it lasts the store is
// left alone instead of being waited on by every request.
import { describe, expect, it, vi } from 'vitest';
import { outageTolerantCache } from '../src/cache/outageTolerantCache.js';
import { flakyKeyValueStore } from './flakyKeyValueStore.js';

function reports(retryAfterMs: number) {
  return { retryAfterMs, failed: vi.fn(), outageBegan: vi.fn(), outageEnded: vi.fn() };
}

describe('outage-tolerant cache', () => {
  it('reads a miss and drops writes while the store fails, reporting the outage once and every failure', async () => {
    const { store, setDown } = flakyKeyValueStore();
    const report = reports(0);
    const cache = outageTolerantCache(store, report);
    await cache.set('a', '1');
    setDown(true);
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.tryGet('a')).toBeNull();
    expect(await cache.trySet('b', '2')).toBe(false);
    expect(cache.reachable()).toBe(false);
    expect(report.failed.mock.calls.map(([operation]) => operation as string)).toEqual(['get', 'get', 'set']);
    expect(report.outageBegan).toHaveBeenCalledTimes(1);

    setDown(false);
    expect(await cache.get('a')).toBe('1');
    expect(await cache.trySet('b', '2')).toBe(true);
    expect(cache.reachable()).toBe(true);
    expect(report.outageEnded).toHaveBeenCalledTimes(1);
  });

  it('leaves a failing store alone until the retry delay has passed', async () => {
    vi.useFakeTimers();
    try {
      const { store, calls, setDown } = flakyKeyValueStore();
      const cache = outageTolerantCache(store, reports(1_000));
      setDown(true);
      await cache.get('a');
      await cache.get('a');
      await cache.set('a', '1');
      expect(calls).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1_001);
      setDown(false);
      await cache.set('a', '1');
      expect(await cache.get('a')).toBe('1');
      expect(calls).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
