// Whether a session token's claims still belong to a live account. The User subgraph asks it of
// its own table before every operation; other services ask it over gRPC (accountService.ts).
import type { Caller } from '@ledgerline/identity';
import type { UserDatabase } from './db.js';
import { userById } from './userTable.js';

export type TokenStatus = 'active' | 'revoked' | 'no_account';

export async function tokenStatusOf(db: UserDatabase, caller: Caller): Promise<TokenStatus> {
  const user = await userById(db, caller.userId);
  if (user === null) return 'no_account';
  if (user.deletionRequestedAt !== null || user.accountKey !== caller.accountKey) return 'revoked';
  return 'active';
}
