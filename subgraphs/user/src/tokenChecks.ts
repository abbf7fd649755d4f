// Whether a session token's claims still belong to a live account. The User subgraph asks it of
// its own table before every operation; other services ask it over gRPC (accountService.ts).
import type { Caller } from '@ledgerline/identity';
import type { UserDatabase } from './db.js';
import type { User } from './generated/prisma/client.js';
import { accountOfSession } from './userTable.js';

export type TokenStatus = 'active' | 'revoked' | 'no_account';

/** Every session id this service issues; anything else (a gRPC caller's empty field, say) names no session that could be live. */
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Active when the account exists, is not being deleted, holds the token's key, and the token's
 * session was not logged out; with the account as read, so the request need not read it again.
 */
export async function tokenCheckOf(db: UserDatabase, caller: Caller): Promise<{ status: TokenStatus; user: User | null }> {
  const account = await accountOfSession(db, caller.userId, SESSION_ID.test(caller.sessionId) ? caller.sessionId : null);
  if (account === null) return { status: 'no_account', user: null };
  const { user, loggedOut } = account;
  if (user.deletionRequestedAt !== null || user.accountKey !== caller.accountKey || loggedOut) return { status: 'revoked', user };
  return { status: 'active', user };
}

export async function tokenStatusOf(db: UserDatabase, caller: Caller): Promise<TokenStatus> {
  return (await tokenCheckOf(db, caller)).status;
}
