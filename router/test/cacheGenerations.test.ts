// Invalidation by generation: a write moves the generations a response is keyed by, and a write
// whose invalidation was lost to an outage makes the replica read nothing from the cache until
// everyone's generation has moved, once the store is back.
import { describe, expect, it, vi } from 'vitest';
import { cacheGenerations } from '../src/cache/cacheGenerations.js';
import { outageTolerantCache } from '../src/cache/outageTolerantCache.js';
import { flakyKeyValueStore } from './flakyKeyValueStore.js';

function generationsOverFlakyStore() {
  const { store, setDown } = flakyKeyValueStore();
  const reports = { retryAfterMs: 0, failed: () => undefined, outageBegan: () => undefined, outageEnded: () => undefined };
  const advanced = vi.fn();
  const generations = cacheGenerations(
    outageTolerantCache(store, reports),
    { ofOwner: (ownerId, kind) => `generation:u${ownerId}:${kind}`, everyone: 'generation:everyone' },
    { retryAfterMs: 60_000, advanced },
  );
  return { generations, advanced, setDown };
}

describe('cache generations', () => {
  it('stay the same until a write of that kind of that owner moves them', async () => {
    const { generations } = generationsOverFlakyStore();
    const first = await generations.current(1, ['profile', 'summary']);
    expect(await generations.current(1, ['profile', 'summary'])).toEqual(first);
    await generations.advance(1, ['summary']);
    const afterWrite = await generations.current(1, ['profile', 'summary']);
    expect(afterWrite?.slice(0, 2)).toEqual(first?.slice(0, 2));
    expect(afterWrite?.[2]).not.toBe(first?.[2]);
    await generations.advance(2, ['summary']);
    expect(await generations.current(1, ['profile', 'summary'])).toEqual(afterWrite);
    generations.stop();
  });

  it('after a lost invalidation, read nothing until the store is back, then move everyone’s generation once', async () => {
    const { generations, advanced, setDown } = generationsOverFlakyStore();
    const before = await generations.current(1, ['summary']);
    setDown(true);
    await generations.advance(1, ['summary']);
    expect(await generations.current(1, ['summary'])).toBeNull();
    setDown(false);
    const [afterA, afterB] = await Promise.all([generations.current(1, ['summary']), generations.current(1, ['summary'])]);
    expect(afterA).toEqual(afterB);
    // The lost write's generation never reached the store, but everyone's moved: no old key is read.
    expect(afterA?.[0]).not.toBe(before?.[0]);
    expect(advanced.mock.calls.filter(([kind]) => kind === 'everyone')).toHaveLength(1);
    generations.stop();
  });
});
