// How every Finance write runs, against the real database: nothing commits past the router's
// deadline, and an idempotency key is kept for its retention, then free again.
import { createLogger, type SubgraphContext } from '@ledgerline/service-runtime';
import { describe, expect, it } from 'vitest';
import { callerFor } from '../../../test/support/callers.js';
import { financeDatabase, newUserId } from '../../../test/support/serviceDatabases.js';
import { idempotentWrites } from '../src/idempotentWrites.js';
import { incomes } from '../src/incomes.js';
import { addOwnedRecord } from '../src/ownedRecords.js';

const HOUR_MS = 3_600_000;
const log = createLogger('idempotent-writes-test', 'silent');

function contextOf(userId: number, options: { deadline?: number | null; idempotencyKey?: string | null } = {}): SubgraphContext {
  return {
    caller: callerFor(userId),
    userId,
    requestId: 'test',
    deadline: options.deadline ?? null,
    idempotencyKey: options.idempotencyKey ?? null,
    log,
  };
}

const addIncome = (userId: number, source: string) => ({
  request: { mutation: 'addIncome', args: { amount: '10.00', source, date: '2026-11-01' } },
  write: (tx: Parameters<typeof addOwnedRecord>[0]) => addOwnedRecord(tx, incomes, userId, { amount: '10.00', source, date: '2026-11-01' }),
});

const incomesFrom = (userId: number) => financeDatabase().income.count({ where: { userId } });

describe('a write and its deadline', () => {
  it('is rolled back, not committed late, when the deadline passes while it runs', async () => {
    const userId = newUserId();
    const writes = idempotentWrites(financeDatabase(), HOUR_MS);
    const { request, write } = addIncome(userId, 'Slow');
    const slowWrite = async (tx: Parameters<typeof write>[0]) => {
      const row = await write(tx);
      await new Promise((resolve) => setTimeout(resolve, 400));
      return row;
    };
    await expect(writes.run(contextOf(userId, { deadline: Date.now() + 200 }), request, slowWrite)).rejects.toMatchObject({
      code: 'DEADLINE_EXCEEDED',
    });
    expect(await incomesFrom(userId)).toBe(0);
  });

  it('does not begin when no time is left', async () => {
    const userId = newUserId();
    const { request, write } = addIncome(userId, 'Late');
    const writes = idempotentWrites(financeDatabase(), HOUR_MS);
    await expect(writes.run(contextOf(userId, { deadline: Date.now() - 1 }), request, write)).rejects.toMatchObject({
      code: 'DEADLINE_EXCEEDED',
      message: 'The request ran out of time before the write began; nothing was changed, try again',
    });
    expect(await incomesFrom(userId)).toBe(0);
  });
});

describe('an idempotency key', () => {
  it('answers its write again with the same exact amount and date, as the first answer had them', async () => {
    const userId = newUserId();
    const writes = idempotentWrites(financeDatabase(), HOUR_MS);
    const { request, write } = addIncome(userId, 'Kept');
    const context = contextOf(userId, { idempotencyKey: 'k-1' });
    const first = await writes.run(context, request, write);
    const again = await writes.run(context, request, write);
    expect(again).toEqual(first);
    expect(again.amount.toFixed(2)).toBe('10.00');
    expect(again.date).toBeInstanceOf(Date);
    expect(await incomesFrom(userId)).toBe(1);
  });

  it('is free again once older than its retention, and the sweep forgets only such keys', async () => {
    const userId = newUserId();
    const db = financeDatabase();
    const writes = idempotentWrites(db, HOUR_MS);
    const { request, write } = addIncome(userId, 'Expired');
    await writes.run(contextOf(userId, { idempotencyKey: 'old' }), request, write);
    await writes.run(contextOf(userId, { idempotencyKey: 'recent' }), request, write);
    await db.idempotentWrite.update({
      where: { userId_key: { userId, key: 'old' } },
      data: { createdAt: new Date(Date.now() - 2 * HOUR_MS) },
    });

    await writes.run(contextOf(userId, { idempotencyKey: 'old' }), request, write);
    expect(await incomesFrom(userId)).toBe(3);

    await db.idempotentWrite.update({
      where: { userId_key: { userId, key: 'old' } },
      data: { createdAt: new Date(Date.now() - 2 * HOUR_MS) },
    });
    expect(await writes.sweep()).toBeGreaterThanOrEqual(1);
    expect((await db.idempotentWrite.findMany({ where: { userId }, select: { key: true } })).map(({ key }) => key)).toEqual(['recent']);
  });
});
