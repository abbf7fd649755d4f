// The slots of this router alone, when there is no Redis to share them with other replicas.
import type { SlotStore } from './slotStore.js';

export function inProcessSlotStore(): SlotStore {
  const holdersByKey = new Map<string, Set<string>>();
  return {
    take(key, holder, limit) {
      const holders = holdersByKey.get(key) ?? new Set<string>();
      if (!holders.has(holder) && holders.size >= limit) return Promise.resolve(false);
      holders.add(holder);
      holdersByKey.set(key, holders);
      return Promise.resolve(true);
    },
    release(key, holder) {
      const holders = holdersByKey.get(key);
      holders?.delete(holder);
      if (holders?.size === 0) holdersByKey.delete(key);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}
