// Every Finance write runs here: in one transaction that ends by the router's deadline (past it,
// nothing commits), and, when the client sent an Idempotency-Key, that also records the key with
// what the write answered. A retry with the same key and arguments then gets that answer without
// writing again, so a write whose answer was lost (a timeout, a dropped connection) can be sent
// again safely. Keys belong to the user who sent them and are kept for the retention period.
import { createHash } from 'node:crypto';
import { DomainError, isPrismaError, runPeriodically, type Logger, type SubgraphContext } from '@ledgerline/service-runtime';
import type { FinanceDatabase, FinanceQueries } from './db.js';
import { Money } from './money.js';
import { transactionWithinDeadline } from './transactionWithinDeadline.js';

const UNIQUE_VIOLATION = 'P2002';
/** How often keys past their retention are swept; until then they are ignored where they are. */
const SWEEP_EVERY_MS = 10 * 60_000;

export interface WriteRequest {
  /** The mutation's name and its arguments as the client sent them: what a retry must repeat. */
  mutation: string;
  args: unknown;
}

export type RunWrite = <Result>(
  context: SubgraphContext,
  request: WriteRequest,
  write: (tx: FinanceQueries) => Promise<Result>,
) => Promise<Result>;

export interface IdempotentWrites {
  run: RunWrite;
  /** Forgets keys older than the retention period; how many went. */
  sweep(): Promise<number>;
}

export function idempotentWrites(db: FinanceDatabase, retentionMs: number): IdempotentWrites {
  const oldest = () => new Date(Date.now() - retentionMs);

  async function keyedWrite<Result>(
    context: SubgraphContext,
    key: { userId: number; key: string },
    fingerprint: string,
    write: (tx: FinanceQueries) => Promise<Result>,
  ): Promise<Result> {
    return transactionWithinDeadline(db, context.deadline, async (tx) => {
      // A key past its retention is free again, even before the sweep gets to it.
      await tx.idempotentWrite.deleteMany({ where: { ...key, createdAt: { lt: oldest() } } });
      const earlier = await tx.idempotentWrite.findUnique({ where: { userId_key: key } });
      if (earlier !== null) {
        if (earlier.fingerprint !== fingerprint) throw keyReused();
        context.log.info({ idempotencyKey: key.key }, 'write repeated with its idempotency key: answered as before, not written again');
        return decoded(earlier.result) as Result;
      }
      const result = await write(tx);
      await tx.idempotentWrite.create({ data: { ...key, fingerprint, result: encoded(result) } });
      return result;
    });
  }

  return {
    async run(context, request, write) {
      if (context.idempotencyKey === null || context.userId === null) return transactionWithinDeadline(db, context.deadline, write);
      const key = { userId: context.userId, key: context.idempotencyKey };
      const fingerprint = fingerprintOf(request);
      try {
        return await keyedWrite(context, key, fingerprint, write);
      } catch (error) {
        // The same key sent twice at once: the other request's row committed first, and now answers this one.
        if (!isPrismaError(error, UNIQUE_VIOLATION)) throw error;
        return keyedWrite(context, key, fingerprint, write);
      }
    },
    async sweep() {
      const { count } = await db.idempotentWrite.deleteMany({ where: { createdAt: { lt: oldest() } } });
      return count;
    },
  };
}

/**
 * Inside the transaction that takes a write back (liveOwnerWrites.ts), its key goes too: a retry
 * must write again, not answer with a record that is gone.
 */
export async function forgetKeyIn(tx: FinanceQueries, context: SubgraphContext): Promise<void> {
  if (context.idempotencyKey === null || context.userId === null) return;
  await tx.idempotentWrite.deleteMany({ where: { userId: context.userId, key: context.idempotencyKey } });
}

/** Sweeps expired keys every few minutes, until the returned function is called. */
export function sweepExpiredKeys(writes: IdempotentWrites, log: Logger): () => Promise<void> {
  return runPeriodically(
    SWEEP_EVERY_MS,
    async () => {
      const swept = await writes.sweep();
      if (swept > 0) log.debug({ swept }, 'expired idempotency keys swept');
    },
    (error) => log.warn({ err: error }, 'sweeping expired idempotency keys failed; trying again later'),
  );
}

const keyReused = (): DomainError =>
  new DomainError('IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key: was already used for a different request; use a new key for a new request', {
    field: 'Idempotency-Key',
  });

function fingerprintOf({ mutation, args }: WriteRequest): string {
  // graphql-js gives arguments in the order of the schema's definition, whatever order the client wrote.
  return createHash('sha256')
    .update(JSON.stringify([mutation, args]))
    .digest('hex');
}

// A result is rows of Prisma models: JSON keeps neither their dates nor their exact decimals, so
// those are tagged on the way in and rebuilt on the way out.
function encoded(result: unknown): object {
  return {
    value: JSON.parse(
      JSON.stringify(result, function tag(this: Record<string, unknown>, key: string, value: unknown) {
        const original = this[key];
        if (original instanceof Date) return { $date: original.toISOString() };
        if (Money.isDecimal(original)) return { $decimal: original.toString() };
        return value;
      }),
    ) as unknown,
  };
}

function decoded(stored: unknown): unknown {
  return JSON.parse(JSON.stringify((stored as { value: unknown }).value), (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null) return value;
    if ('$date' in value && typeof value.$date === 'string') return new Date(value.$date);
    if ('$decimal' in value && typeof value.$decimal === 'string') return new Money(value.$decimal);
    return value;
  });
}
