// Logged-out sessions are remembered only while one of their tokens could still be presented:
// past its expiry a token is refused for that alone, so its row is swept away.
import type { Logger } from '@ledgerline/service-runtime';
import type { UserDatabase } from './db.js';
import { deleteRevokedSessionsExpiredBy } from './revokedSessionTable.js';

/** One sweep; how many rows went. */
export function sweepRevokedSessions(db: UserDatabase, now = new Date()): Promise<number> {
  return deleteRevokedSessionsExpiredBy(db, now);
}

/** Sweeps every `intervalMs` (never two at once, on this replica); returns how to stop. */
export function startRevokedSessionSweeps(db: UserDatabase, log: Logger, intervalMs: number): () => Promise<void> {
  let sweep: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (sweep !== null) return;
    sweep = sweepRevokedSessions(db)
      .then((swept) => {
        if (swept > 0) log.info({ swept }, 'expired logged-out sessions swept');
      })
      .catch((error: unknown) => log.warn({ err: error }, 'sweeping expired logged-out sessions failed; tried again next time'))
      .finally(() => (sweep = null));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await sweep;
  };
}
