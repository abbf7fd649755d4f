import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPeriodically } from '../src/periodicTask.js';

afterEach(() => vi.useRealTimers());

/** A task whose runs end only when the test says so. */
function heldTask() {
  const releases: (() => void)[] = [];
  const task = vi.fn(() => new Promise<void>((resolve) => releases.push(resolve)));
  return { task, releaseAll: () => releases.splice(0).forEach((release) => release()) };
}

describe('runPeriodically', () => {
  it('never starts a run while the last one is still going', async () => {
    vi.useFakeTimers();
    const { task, releaseAll } = heldTask();
    const stop = runPeriodically(1_000, task, () => undefined);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(task).toHaveBeenCalledTimes(1);
    releaseAll();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(task).toHaveBeenCalledTimes(2);
    releaseAll();
    await stop();
  });

  it('reports a failed run and runs again at the next interval', async () => {
    vi.useFakeTimers();
    const failures: unknown[] = [];
    const task = vi.fn().mockRejectedValueOnce(new Error('database away')).mockResolvedValue(undefined);
    const stop = runPeriodically(1_000, task, (error) => failures.push(error));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(failures).toEqual([new Error('database away')]);
    expect(task).toHaveBeenCalledTimes(2);
    await stop();
  });

  it('waits for the run in flight when stopped, and starts no other', async () => {
    vi.useFakeTimers();
    const { task, releaseAll } = heldTask();
    const stop = runPeriodically(1_000, task, () => undefined);
    await vi.advanceTimersByTimeAsync(1_000);
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    releaseAll();
    await stopping;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(task).toHaveBeenCalledTimes(1);
  });
});
