// A cache store that fails every call while the test says it is down, as an unreachable Redis does.
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { vi } from 'vitest';

export function flakyKeyValueStore() {
  const memory = new InMemoryLRUCache<string>();
  let down = false;
  const calls = vi.fn();
  const failWhileDown = async <T>(call: () => Promise<T>): Promise<T> => {
    calls();
    if (down) throw new Error('connection refused');
    return call();
  };
  return {
    store: {
      get: (key: string) => failWhileDown(() => memory.get(key)),
      set: (key: string, value: string) => failWhileDown(() => memory.set(key, value)),
      delete: (key: string) => failWhileDown(() => memory.delete(key)),
    },
    calls,
    setDown: (value: boolean) => (down = value),
  };
}
