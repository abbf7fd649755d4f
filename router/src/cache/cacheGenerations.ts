// Invalidation by generation: a cached response's key names the current generation of each kind
// of its owner's data, and of everyone's. A write starts a new generation, so every replica's next
// read misses (it looks the generation up in the shared store) and no entry is ever deleted or
// overwritten in place. A read that began before the write filled its entry under the old
// generation, where nobody looks again: no stale fill can outlive an invalidation.
import { randomBytes } from 'node:crypto';
import type { CachedKind } from './cachePolicy.js';
import type { OutageTolerantCache } from './outageTolerantCache.js';

/**
 * Far longer than any entry lives, so a generation only expires long after its entries have:
 * an owner who has not written for a week costs the store nothing.
 */
const OWNER_GENERATION_TTL_SECONDS = 7 * 24 * 3600;

export interface CacheGenerations {
  /** The generations a response of these kinds is keyed by; null while the store cannot be trusted (the request goes straight through). */
  current(ownerId: number, kinds: readonly CachedKind[]): Promise<string[] | null>;
  /** Starts new generations of the owner's kinds: what was cached of them is never read again. */
  advance(ownerId: number, kinds: readonly CachedKind[]): Promise<void>;
  stop(): void;
}

export interface GenerationKeys {
  ofOwner(ownerId: number, kind: CachedKind): string;
  /** One generation for every entry of every owner: advanced after an invalidation was lost. */
  everyone: string;
}

export function cacheGenerations(
  store: OutageTolerantCache,
  keys: GenerationKeys,
  options: { retryAfterMs: number; advanced(kind: CachedKind | 'everyone'): void },
): CacheGenerations {
  // An invalidation that did not reach the store leaves entries that may be stale (when the store
  // comes back with its data); until everyone's generation is advanced, this replica reads nothing.
  let invalidationLost = false;
  /** Counts lost invalidations, so one lost while everyone's generation was being advanced is not forgotten. */
  let lostCount = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  async function start(key: string): Promise<string | null> {
    const generation = randomBytes(9).toString('base64url');
    // Everyone's generation never expires: its expiry would drop every entry at once.
    const ttl = key === keys.everyone ? null : OWNER_GENERATION_TTL_SECONDS;
    return (await store.trySet(key, generation, { ttl })) ? generation : null;
  }

  let advancingEveryone: Promise<boolean> | null = null;
  /** One attempt at a time (requests and the retry timer alike), so everyone's generation moves once per lost invalidation. */
  function advanceEveryone(): Promise<boolean> {
    if (!invalidationLost) return Promise.resolve(true);
    const lostBefore = lostCount;
    advancingEveryone ??= start(keys.everyone)
      .then((generation) => {
        if (generation === null) return false;
        options.advanced('everyone');
        invalidationLost = lostCount !== lostBefore;
        return !invalidationLost;
      })
      .finally(() => (advancingEveryone = null));
    return advancingEveryone;
  }

  function retryUntilAdvanced(): void {
    if (retryTimer !== undefined) return;
    retryTimer = setInterval(() => {
      void advanceEveryone().then((done) => {
        if (!done) return;
        clearInterval(retryTimer);
        retryTimer = undefined;
      });
    }, options.retryAfterMs);
    retryTimer.unref();
  }

  return {
    async current(ownerId, kinds) {
      if (!(await advanceEveryone())) return null;
      const generationKeys = [keys.everyone, ...kinds.map((kind) => keys.ofOwner(ownerId, kind))];
      const found = await Promise.all(generationKeys.map((key) => store.tryGet(key)));
      if (found.includes(null)) return null;
      // A generation nobody started yet (or one the store evicted) is started here, before the
      // subgraphs are asked, so a write that lands meanwhile replaces it.
      const generations = await Promise.all(found.map(async (generation, index) => generation ?? start(generationKeys[index] as string)));
      return generations.includes(null) ? null : (generations as string[]);
    },
    async advance(ownerId, kinds) {
      const started = await Promise.all(kinds.map((kind) => start(keys.ofOwner(ownerId, kind))));
      kinds.forEach((kind, index) => {
        if (started[index] !== null) options.advanced(kind);
      });
      if (started.includes(null)) {
        invalidationLost = true;
        lostCount += 1;
        retryUntilAdvanced();
      }
    },
    stop() {
      clearInterval(retryTimer);
    },
  };
}
