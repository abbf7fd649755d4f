import { describe, expect, test } from 'vitest';
import { coalescedRefresh } from '../src/groups/coalescedRefresh.js';

/** A read that stays open until the test lets it finish. */
function controlledReads() {
  const pending: { finish(): void; fail(): void }[] = [];
  const read = () =>
    new Promise<void>((resolve, reject) => {
      pending.push({ finish: resolve, fail: () => reject(new Error('unreachable')) });
    });
  return { read, pending };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('coalescedRefresh', () => {
  test('runs one read for an ask while none is running', async () => {
    const { read, pending } = controlledReads();
    const refresh = coalescedRefresh(read);
    refresh();
    await settle();
    expect(pending).toHaveLength(1);
  });

  test('runs one more read, after the running one, however many asks came meanwhile', async () => {
    const { read, pending } = controlledReads();
    const refresh = coalescedRefresh(read);
    refresh();
    refresh();
    refresh();
    refresh();
    await settle();
    expect(pending).toHaveLength(1);

    pending[0]!.finish();
    await settle();
    expect(pending).toHaveLength(2);
    pending[1]!.finish();
    await settle();
    expect(pending).toHaveLength(2);

    refresh();
    await settle();
    expect(pending).toHaveLength(3);
  });

  test('a failed read still lets the one queued behind it run', async () => {
    const { read, pending } = controlledReads();
    const refresh = coalescedRefresh(read);
    refresh();
    refresh();
    pending[0]!.fail();
    await settle();
    expect(pending).toHaveLength(2);
  });
});
