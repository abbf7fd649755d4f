// Deleting an account, in the order that makes it safe:
//   1. the account refuses every token (new key, deletion mark), so no new write can slip in,
//      and every router hears of it and closes the user's WebSockets;
//   2. the Finance service erases every record of the user, over gRPC (idempotent);
//   3. the account row goes, and its email and username are free again.
// When Finance cannot be reached, step 1 stands and the deletion is recorded by its mark: the
// caller hears PENDING, and this service finishes it in the background once Finance is back.
import { DomainError, runPeriodically, type Deadline, type Logger } from '@ledgerline/service-runtime';
import type { AccountRevocationAnnouncer } from './accountRevocations.js';
import { checkGivenPassword } from './accountRules.js';
import type { UserDatabase } from './db.js';
import type { RecordErasure } from './financeErasure.js';
import { verifyPassword } from './passwords.js';
import { deleteUserRow, idsPendingDeletion, markDeletionRequested, userById } from './userTable.js';

export type AccountDeletionStatus = 'DELETED' | 'PENDING';

/** How many pending deletions one background pass takes on. */
const PENDING_BATCH = 50;

export async function deleteAccount(
  db: UserDatabase,
  erasure: RecordErasure,
  revocations: AccountRevocationAnnouncer,
  log: Logger,
  input: { userId: number; password: string; deadline: Deadline },
): Promise<AccountDeletionStatus> {
  const password = checkGivenPassword(input.password);
  const user = await userById(db, input.userId);
  if (user === null) throw new DomainError('NOT_FOUND', 'No account to delete');
  if (!(await verifyPassword(password, user.passwordHash))) {
    throw new DomainError('INVALID_CREDENTIALS', 'password: is incorrect', { field: 'password' });
  }
  if (await markDeletionRequested(db, user.id)) {
    log.info({ userId: user.id }, 'account deletion requested: its tokens are refused from now on');
    // Once committed, so a router that hears of it and asks CheckToken is told REVOKED.
    revocations.announce({ userId: user.id, sessionId: null });
  }
  return finishDeletion(db, erasure, log, user.id, input.deadline);
}

/**
 * Steps 2 and 3 for an account already marked; safe to repeat, and to run on two replicas at once.
 * Past the deadline of the request that asked, the rest is left to the background retries.
 */
export async function finishDeletion(
  db: UserDatabase,
  erasure: RecordErasure,
  log: Logger,
  userId: number,
  deadline: Deadline = null,
): Promise<AccountDeletionStatus> {
  try {
    const erased = await erasure.eraseRecordsOf(userId, deadline);
    log.info({ userId, erased }, 'finance records erased');
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'SERVICE_UNAVAILABLE')) throw error;
    log.warn({ userId, reason: error.message }, 'account deletion pending: finance unreachable, will retry');
    return 'PENDING';
  }
  await deleteUserRow(db, userId);
  log.info({ userId }, 'account deleted');
  return 'DELETED';
}

/** One pass over the deletions that are still pending; how many it finished. */
export async function finishPendingDeletions(db: UserDatabase, erasure: RecordErasure, log: Logger): Promise<number> {
  let finished = 0;
  for (const userId of await idsPendingDeletion(db, PENDING_BATCH)) {
    const status = await finishDeletion(db, erasure, log, userId);
    // Finance is still down: the rest would fail alike, so wait for the next pass.
    if (status === 'PENDING') break;
    finished += 1;
  }
  return finished;
}

/** Runs finishPendingDeletions every `intervalMs` (never two passes at once); returns how to stop it. */
export function startPendingDeletionRetries(
  db: UserDatabase,
  erasure: RecordErasure,
  log: Logger,
  intervalMs: number,
): () => Promise<void> {
  return runPeriodically(
    intervalMs,
    () => finishPendingDeletions(db, erasure, log),
    (error) => log.error({ err: error }, 'finishing pending account deletions failed'),
  );
}
