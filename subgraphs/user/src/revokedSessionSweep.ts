// Logged-out sessions are remembered only while one of their tokens could still be presented:
// past its expiry a token is refused for that alone, so its row is swept away.
import { runPeriodically, type Logger } from '@ledgerline/service-runtime';
import type { UserDatabase } from './db.js';
import { deleteRevokedSessionsExpiredBy } from './revokedSessionTable.js';

/** One sweep; how many rows went. */
export function sweepRevokedSessions(db: UserDatabase, now = new Date()): Promise<number> {
  return deleteRevokedSessionsExpiredBy(db, now);
}

/** Sweeps every `intervalMs` (never two at once, on this replica); returns how to stop. */
export function startRevokedSessionSweeps(db: UserDatabase, log: Logger, intervalMs: number): () => Promise<void> {
  return runPeriodically(
    intervalMs,
    async () => {
      const swept = await sweepRevokedSessions(db);
      if (swept > 0) log.info({ swept }, 'expired logged-out sessions swept');
    },
    (error) => log.warn({ err: error }, 'sweeping expired logged-out sessions failed; tried again next time'),
  );
}
