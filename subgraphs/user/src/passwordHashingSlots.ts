// A bound on password hashes running at once, with a short queue behind it. scrypt takes tens of
// milliseconds of a core each; a burst of logins larger than the machine would otherwise queue in
// libuv's thread pool past every deadline and fail everyone's login. A hash past the queue is
// refused at once (SERVICE_BUSY), so the caller hears "busy, try again in a second" instead of a timeout.
import { availableParallelism } from 'node:os';

export interface PasswordHashingLimits {
  /** Hashes computing at once; about the number of cores (scrypt runs on libuv's thread pool, 4 threads by default). */
  concurrency: number;
  /** Hashes waiting for a slot; more are refused. */
  queueLength: number;
}

/** A queue a few rounds deep: at ~60 ms a hash on two cores, the last in it waits about half a second. */
export const DEFAULT_HASHING_LIMITS: PasswordHashingLimits = { concurrency: availableParallelism(), queueLength: 16 };

/** Raised by `run` when every slot and every place in the queue is taken. */
export class HashingSlotsFull extends Error {
  constructor() {
    super('Every password hashing slot and queue place is taken');
    this.name = 'HashingSlotsFull';
  }
}

export interface HashingSlots {
  run<Result>(task: () => Promise<Result>): Promise<Result>;
}

export function hashingSlots(limits: PasswordHashingLimits): HashingSlots {
  let running = 0;
  const waiting: (() => void)[] = [];

  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) running -= 1;
    else next();
  };

  return {
    async run(task) {
      if (running < limits.concurrency) running += 1;
      else if (waiting.length < limits.queueLength) await new Promise<void>((resolve) => waiting.push(resolve));
      else throw new HashingSlotsFull();
      // The slot passes straight to the next waiter on release, so `running` counts it throughout.
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
