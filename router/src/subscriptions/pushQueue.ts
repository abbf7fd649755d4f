// An async iterable fed by pushes: what a subscription's results are read from (by graphql-ws, or
// the raw route's sender). Ending it lets the reader finish what is queued first; the reader
// stopping early (the client completed, the socket closed) runs `onReturn` once. It knows how
// long its oldest item has waited, which is how a client that stopped reading is found.

export interface PushQueue<Item> extends AsyncIterableIterator<Item> {
  push(item: Item): void;
  /** No more items: the reader gets what is queued, then done. */
  end(): void;
  /** Stops reading: what is queued is dropped, and `onReturn` runs. */
  return(): Promise<IteratorResult<Item>>;
  /** How many items wait to be read. */
  readonly size: number;
  /** How long the oldest waiting item has waited, in ms (0 when none waits). */
  oldestWaitMs(now: number): number;
  /** Resolves once at most `size` items wait (or the queue was stopped). */
  whenAtMost(size: number): Promise<void>;
}

export function pushQueue<Item>(onReturn: () => void): PushQueue<Item> {
  const items: { item: Item; queuedAt: number }[] = [];
  let waiting: ((result: IteratorResult<Item>) => void) | null = null;
  let ended = false;
  let returned = false;
  const drainWaiters: { size: number; resolve: () => void }[] = [];

  const finish = (): IteratorResult<Item> => ({ done: true, value: undefined });

  function wakeDrainWaiters(): void {
    for (let index = drainWaiters.length - 1; index >= 0; index--) {
      const waiter = drainWaiters[index]!;
      if (items.length > waiter.size && !returned) continue;
      drainWaiters.splice(index, 1);
      waiter.resolve();
    }
  }

  const queue: PushQueue<Item> = {
    push(item) {
      if (ended) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ done: false, value: item });
      } else items.push({ item, queuedAt: Date.now() });
    },
    end() {
      ended = true;
      if (waiting && items.length === 0) {
        const resolve = waiting;
        waiting = null;
        resolve(finish());
      }
    },
    get size() {
      return items.length;
    },
    oldestWaitMs(now) {
      const oldest = items[0];
      return oldest === undefined ? 0 : now - oldest.queuedAt;
    },
    whenAtMost(size) {
      if (items.length <= size || returned) return Promise.resolve();
      return new Promise((resolve) => drainWaiters.push({ size, resolve }));
    },
    next() {
      const head = items.shift();
      if (drainWaiters.length > 0) wakeDrainWaiters();
      if (head !== undefined) return Promise.resolve({ done: false, value: head.item });
      if (ended) return Promise.resolve(finish());
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      ended = true;
      items.length = 0;
      if (!returned) {
        returned = true;
        onReturn();
      }
      wakeDrainWaiters();
      waiting?.(finish());
      waiting = null;
      return Promise.resolve(finish());
    },
    [Symbol.asyncIterator]() {
      return queue;
    },
  };
  return queue;
}
