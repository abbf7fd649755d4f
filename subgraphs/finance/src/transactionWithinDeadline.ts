// A transaction that ends by the deadline of the request it serves: it does not begin when no time
// is left, Prisma rolls it back when the time runs out while it works, and it refuses to commit once
// the deadline has passed, since nobody would hear that it did.
import { deadlineExceeded, DomainError, remainingMs, type Deadline } from '@ledgerline/service-runtime';
import type { FinanceDatabase, FinanceQueries } from './db.js';

/** A transaction with no deadline from its caller still may not run longer than this. */
const LONGEST_TRANSACTION_MS = 10_000;
/** How long a transaction may wait for a pooled connection before it starts. */
const LONGEST_CONNECTION_WAIT_MS = 2_000;

export async function transactionWithinDeadline<Result>(
  db: FinanceDatabase,
  deadline: Deadline,
  work: (tx: FinanceQueries) => Promise<Result>,
): Promise<Result> {
  const timeout = deadline === null ? LONGEST_TRANSACTION_MS : remainingMs(deadline);
  if (timeout === 0) throw deadlineExceeded('the write began');
  try {
    return await db.$transaction(
      async (tx) => {
        const result = await work(tx);
        if (deadline !== null && Date.now() >= deadline) throw deadlineExceeded('the write could commit');
        return result;
      },
      { timeout, maxWait: Math.min(timeout, LONGEST_CONNECTION_WAIT_MS) },
    );
  } catch (error) {
    // Prisma's own timeout (P2028), or a wait for a connection that ran past the deadline: rolled back.
    if (!(error instanceof DomainError) && deadline !== null && Date.now() >= deadline) throw deadlineExceeded('the write could commit');
    throw error;
  }
}
