// Whether a session token's claims still belong to a live account. The User subgraph asks it of
// its own table before every operation; other services ask it over gRPC (accountService.ts).
import type { Caller } from '@ledgerline/identity';
import type { UserDatabase } from './db.js';
import { isSessionRevoked } from './revokedSessionTable.js';
import { userById } from './userTable.js';

export type TokenStatus = 'active' | 'revoked' | 'no_account';

/** Every session id this service issues; anything else (a gRPC caller's empty field, say) names no session that could be live. */
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Active when the account exists, is not being deleted, holds the token's key, and the token's session was not logged out. */
export async function tokenStatusOf(db: UserDatabase, caller: Caller): Promise<TokenStatus> {
  const validSession = SESSION_ID.test(caller.sessionId);
  const [user, loggedOut] = await Promise.all([
    userById(db, caller.userId),
    validSession ? isSessionRevoked(db, caller.sessionId) : Promise.resolve(true),
  ]);
  if (user === null) return 'no_account';
  if (user.deletionRequestedAt !== null || user.accountKey !== caller.accountKey || loggedOut) return 'revoked';
  return 'active';
}
