// The data layer of logged-out sessions: the only code that writes them (a request reads whether
// its session is one in the statement that reads its account: userTable.ts accountOfSession).
import type { UserDatabase } from './db.js';

export interface RevokedSession {
  sessionId: string;
  userId: number;
  /** When the session's tokens expire anyway; the row is swept after it. */
  expiresAt: Date;
}

/** Records the session as logged out; a second logout of the same session changes nothing. */
export async function insertRevokedSession(db: UserDatabase, session: RevokedSession): Promise<void> {
  await db.revokedSession.createMany({ data: [session], skipDuplicates: true });
}

/** Removes the sessions whose tokens have all expired by `now`; how many went. */
export async function deleteRevokedSessionsExpiredBy(db: UserDatabase, now: Date): Promise<number> {
  const { count } = await db.revokedSession.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
