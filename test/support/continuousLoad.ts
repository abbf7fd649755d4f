// Requests sent back to back by a few concurrent callers until the test stops them: the load a
// fault scenario injects its fault under.
export interface ContinuousLoad {
  /** Lets each caller finish the request it is waiting on, then resolves; rejects if a caller threw. */
  stop(): Promise<void>;
}

/**
 * `sendOne` is called with the caller's index and how many requests that caller sent before; it
 * records what it sends and what came back, and throws only on a bug of the test itself.
 */
export function startContinuousLoad(callers: number, sendOne: (caller: number, sentBefore: number) => Promise<void>): ContinuousLoad {
  let stopping = false;
  const loops = Array.from({ length: callers }, async (_, caller) => {
    for (let sent = 0; !stopping; sent += 1) await sendOne(caller, sent);
  });
  // Held until stop(), so a caller's throw fails the test there rather than as an unhandled rejection.
  const settled = Promise.allSettled(loops);
  return {
    async stop() {
      stopping = true;
      const thrown = (await settled).find((loop) => loop.status === 'rejected');
      if (thrown) throw thrown.reason;
    },
  };
}
