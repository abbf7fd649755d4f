// An async iterable fed by pushes: what graphql-ws reads a subscription's results from. Ending it
// lets the reader finish what is queued first; the reader stopping early (the client completed,
// the socket closed) runs `onReturn` once.

export interface PushQueue<Item> extends AsyncIterableIterator<Item> {
  push(item: Item): void;
  /** No more items: the reader gets what is queued, then done. */
  end(): void;
  /** Stops reading: what is queued is dropped, and `onReturn` runs. */
  return(): Promise<IteratorResult<Item>>;
  /** How many items wait to be read. */
  readonly size: number;
}

export function pushQueue<Item>(onReturn: () => void): PushQueue<Item> {
  const items: Item[] = [];
  let waiting: ((result: IteratorResult<Item>) => void) | null = null;
  let ended = false;
  let returned = false;

  const finish = (): IteratorResult<Item> => ({ done: true, value: undefined });

  const queue: PushQueue<Item> = {
    push(item) {
      if (ended) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ done: false, value: item });
      } else items.push(item);
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
    next() {
      const item = items.shift();
      if (item !== undefined) return Promise.resolve({ done: false, value: item });
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
