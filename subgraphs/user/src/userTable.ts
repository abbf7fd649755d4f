// The data layer of accounts: the only code that calls Prisma for users. A unique index refusing
// a write comes back here as an answer (null, 'taken'), so the account rules never see a Prisma
// error code.
import { randomUUID } from 'node:crypto';
import { isPrismaError } from '@ledgerline/service-runtime';
import pg from 'pg';
import { canonicalUsername } from './accountRules.js';
import type { UserDatabase } from './db.js';
import type { User } from './generated/prisma/client.js';

/** Prisma's code for a unique constraint refusing a write. */
const UNIQUE_CONSTRAINT_FAILED = 'P2002';
/** Prisma's code for "the record to update or delete does not exist". */
const NO_RECORD_MATCHED = 'P2025';

/** The new user, or null when its email or username is already taken. */
export async function insertUser(db: UserDatabase, data: { username: string; email: string; passwordHash: string }): Promise<User | null> {
  try {
    return await db.user.create({ data: { ...data, usernameCanonical: canonicalUsername(data.username) } });
  } catch (error) {
    if (isPrismaError(error, UNIQUE_CONSTRAINT_FAILED)) return null;
    throw error;
  }
}

export function userById(db: UserDatabase, id: number): Promise<User | null> {
  return db.user.findUnique({ where: { id } });
}

/** A users row under the names Prisma gives its fields. */
const USER_COLUMNS = `u.id, u.username, u.username_canonical AS "usernameCanonical", u.email, u.password_hash AS "passwordHash",
  u.created_at AS "createdAt", u.account_key AS "accountKey", u.deletion_requested_at AS "deletionRequestedAt"`;

const table = (db: UserDatabase, name: string) => `${pg.escapeIdentifier(db.schema)}.${pg.escapeIdentifier(name)}`;

/**
 * The users with these ids, in one statement, raw: every request reads its caller's account, and
 * Prisma's query layer cost several times the query.
 */
export async function usersByIds(db: UserDatabase, ids: readonly number[]): Promise<User[]> {
  const { rows } = await db.pool.query<User>(`SELECT ${USER_COLUMNS} FROM ${table(db, 'users')} u WHERE u.id = ANY($1::int[])`, [ids]);
  return rows;
}

/**
 * The account with this id, and whether this session of it was logged out, in one statement. A
 * session id that is not a UUID names no session this service issued: it reads as logged out.
 */
export async function accountOfSession(
  db: UserDatabase,
  userId: number,
  sessionId: string | null,
): Promise<{ user: User; loggedOut: boolean } | null> {
  const { rows } = await db.pool.query<User & { loggedOut: boolean }>(
    `SELECT ${USER_COLUMNS}, ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM ${table(db, 'revoked_sessions')} r WHERE r.session_id = $2::uuid)) AS "loggedOut"
     FROM ${table(db, 'users')} u WHERE u.id = $1`,
    [userId, sessionId],
  );
  const [row] = rows;
  if (row === undefined) return null;
  const { loggedOut, ...user } = row;
  return { user, loggedOut };
}

/**
 * The account holding the first of `emails` (as stored: folded, see accountRules.ts) that one
 * holds; the later ones are older forms of the same address.
 */
export async function userByEmail(db: UserDatabase, emails: string[]): Promise<User | null> {
  const users = await db.user.findMany({ where: { email: { in: emails } } });
  for (const email of emails) {
    const user = users.find((candidate) => candidate.email === email);
    if (user !== undefined) return user;
  }
  return null;
}

/**
 * Which of the two another account holds, if either: the email wins when both are. Usernames
 * compare by their canonical form, so "ADA" is taken once "ada" is. `ownerId`, when
 * given, is the account asking, whose own username and email do not count as taken.
 */
export async function takenIdentity(
  db: UserDatabase,
  { username, email }: { username: string; email: string },
  ownerId?: number,
): Promise<'email' | 'username' | null> {
  const others = ownerId === undefined ? {} : { id: { not: ownerId } };
  const taken = await db.user.findFirst({
    where: { OR: [{ email }, { usernameCanonical: canonicalUsername(username) }], ...others },
    select: { email: true },
  });
  if (taken === null) return null;
  return taken.email === email ? 'email' : 'username';
}

/**
 * Sets the account's username and/or email; the account as it now is, 'taken' when the unique
 * index refused a value another account holds, or null when there is no such account or it is
 * being deleted.
 */
export async function changeIdentity(
  db: UserDatabase,
  id: number,
  data: { username?: string; email?: string },
): Promise<User | 'taken' | null> {
  try {
    const canonical = data.username === undefined ? {} : { usernameCanonical: canonicalUsername(data.username) };
    return await db.user.update({ where: { id, deletionRequestedAt: null }, data: { ...data, ...canonical } });
  } catch (error) {
    if (isPrismaError(error, UNIQUE_CONSTRAINT_FAILED)) return 'taken';
    if (isPrismaError(error, NO_RECORD_MATCHED)) return null;
    throw error;
  }
}

/**
 * Marks the account as being deleted and gives it a new account key in one statement, so every
 * token issued so far is refused from now on. False when there is no such user.
 */
export async function markDeletionRequested(db: UserDatabase, id: number): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: { id },
    data: { accountKey: randomUUID(), deletionRequestedAt: new Date() },
  });
  return count > 0;
}

/**
 * Gives the account a new account key, so every token issued so far is refused from now on; the
 * account as it now is, or null when there is no such account or it is being deleted.
 */
export async function rotateAccountKey(db: UserDatabase, id: number): Promise<User | null> {
  try {
    return await db.user.update({ where: { id, deletionRequestedAt: null }, data: { accountKey: randomUUID() } });
  } catch (error) {
    if (isPrismaError(error, NO_RECORD_MATCHED)) return null;
    throw error;
  }
}

/**
 * Stores the account's new password hash and gives it a new account key in one statement, so
 * every token issued with the old password is refused from now on; the account as it now is, or
 * null when there is no such account or it is being deleted.
 */
export async function replacePassword(db: UserDatabase, id: number, passwordHash: string): Promise<User | null> {
  try {
    return await db.user.update({ where: { id, deletionRequestedAt: null }, data: { passwordHash, accountKey: randomUUID() } });
  } catch (error) {
    if (isPrismaError(error, NO_RECORD_MATCHED)) return null;
    throw error;
  }
}

/** The ids of accounts whose deletion began and has not finished, oldest first. */
export async function idsPendingDeletion(db: UserDatabase, limit: number): Promise<number[]> {
  const rows = await db.user.findMany({
    where: { deletionRequestedAt: { not: null } },
    orderBy: { deletionRequestedAt: 'asc' },
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** Removes the account row; false when it is already gone (another replica finished first). */
export async function deleteUserRow(db: UserDatabase, id: number): Promise<boolean> {
  try {
    await db.user.delete({ where: { id } });
    return true;
  } catch (error) {
    if (isPrismaError(error, NO_RECORD_MATCHED)) return false;
    throw error;
  }
}
