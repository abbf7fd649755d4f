import { describe, expect, it } from 'vitest';
import { hashingSlots, HashingSlotsFull } from '../src/passwordHashingSlots.js';
import { rejectionOf } from '../../../test/support/thrown.js';

/** A task that runs until released, recording that it started. */
function heldTask(started: string[], name: string) {
  let release: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { run: async () => (started.push(name), await done, name), release: () => release() };
}

describe('password hashing slots', () => {
  it('runs as many tasks at once as it has slots, queues as many more as its queue holds, and refuses the rest at once', async () => {
    const slots = hashingSlots({ concurrency: 2, queueLength: 1 });
    const started: string[] = [];
    const tasks = ['a', 'b', 'c'].map((name) => heldTask(started, name));
    const results = tasks.map((task) => slots.run(task.run));
    await rejectionOf(
      slots.run(async () => 'd'),
      HashingSlotsFull,
    );
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    tasks[0]!.release();
    await results[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b', 'c']);
    for (const task of tasks) task.release();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
  });

  it('frees a slot when a task fails', async () => {
    const slots = hashingSlots({ concurrency: 1, queueLength: 0 });
    await expect(slots.run(async () => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(await slots.run(async () => 'next')).toBe('next');
  });
});
