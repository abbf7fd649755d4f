// Registration, login, logout, password changes, signing out everywhere, profile changes and
// look-ups: the User service's rules, on top of its database.
import { randomUUID } from 'node:crypto';
import { issueUserToken, type Caller } from '@ledgerline/identity';
import { DomainError } from '@ledgerline/service-runtime';
import {
  checkGivenPassword,
  checkNewPassword,
  emailsToSignInWith,
  normalizeEmail,
  normalizeProfileChanges,
  normalizeUsername,
} from './accountRules.js';
import type { AccountRevocationAnnouncer } from './accountRevocations.js';
import type { UserDatabase } from './db.js';
import type { User } from './generated/prisma/client.js';
import { DECOY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.js';
import { insertRevokedSession } from './revokedSessionTable.js';
import { changeIdentity, insertUser, replacePassword, rotateAccountKey, takenIdentity, userByEmail, userById } from './userTable.js';

export interface Session {
  token: string;
  expiresAt: Date;
  user: User;
}

export interface TokenSettings {
  secret: string;
  ttlSeconds: number;
}

export async function registerAccount(
  db: UserDatabase,
  tokens: TokenSettings,
  input: { username: string; email: string; password: string },
): Promise<Session> {
  const username = normalizeUsername(input.username);
  const email = normalizeEmail(input.email);
  checkNewPassword(input.password);
  await refuseTakenIdentity(db, { username, email });
  const user = await insertUser(db, { username, email, passwordHash: await hashPassword(input.password) });
  if (user !== null) return openSession(user, tokens);
  // Another registration raced past the check above and the unique index refused this one.
  await refuseTakenIdentity(db, { username, email });
  throw new Error('the unique index refused a registration whose username and email are free');
}

export async function logIn(db: UserDatabase, tokens: TokenSettings, input: { email: string; password: string }): Promise<Session> {
  const emails = emailsToSignInWith(input.email);
  const password = checkGivenPassword(input.password);
  const user = await userByEmail(db, emails);
  const passwordMatches = await verifyPassword(password, user?.passwordHash ?? DECOY_PASSWORD_HASH);
  if (user === null || !passwordMatches) {
    throw new DomainError('INVALID_CREDENTIALS', 'Email or password is incorrect');
  }
  if (user.deletionRequestedAt !== null) throw new DomainError('FORBIDDEN', 'This account is being deleted and can no longer sign in');
  return openSession(user, tokens);
}

/**
 * Revokes every token of the account, the caller's own included, by giving it a new account key,
 * and opens a new session for the caller's device; every router hears of it and closes the
 * user's WebSockets.
 */
export async function signOutEverywhere(
  db: UserDatabase,
  tokens: TokenSettings,
  revocations: AccountRevocationAnnouncer,
  userId: number,
): Promise<Session> {
  const user = await rotateAccountKey(db, userId);
  // The account was deleted (or began to be) since the caller's token was checked.
  if (user === null) throw accountGone();
  revocations.announce({ userId: user.id, sessionId: null });
  return openSession(user, tokens);
}

export interface LoggedOut {
  userId: number;
  endedAt: Date;
}

/**
 * Ends the caller's session only: its tokens are refused from now on, on every router within
 * seconds, and its WebSockets close; the account's other sessions go on. The session is
 * remembered until its tokens would have expired anyway: no token lives longer than the lifetime
 * this service gives them.
 */
export async function logOut(
  db: UserDatabase,
  tokens: TokenSettings,
  revocations: AccountRevocationAnnouncer,
  caller: Caller,
): Promise<LoggedOut> {
  const endedAt = new Date();
  const expiresAt = new Date(endedAt.getTime() + tokens.ttlSeconds * 1000);
  await insertRevokedSession(db, { sessionId: caller.sessionId, userId: caller.userId, expiresAt });
  revocations.announce({ userId: caller.userId, sessionId: caller.sessionId });
  return { userId: caller.userId, endedAt };
}

/**
 * Replaces the password once the current one is proved, by registration's rules, and ends every
 * session of the account (a new account key), so whoever else held a token is signed out; opens a
 * new session for the caller's device.
 */
export async function changePassword(
  db: UserDatabase,
  tokens: TokenSettings,
  revocations: AccountRevocationAnnouncer,
  userId: number,
  input: { currentPassword: string; newPassword: string },
): Promise<Session> {
  // Before any hashing: a new password that could never be accepted costs no scrypt work.
  checkNewPassword(input.newPassword, 'newPassword');
  checkGivenPassword(input.currentPassword, 'currentPassword');
  const current = await userById(db, userId);
  // Deleted, or being deleted, since the caller's token was checked.
  if (current === null || current.deletionRequestedAt !== null) throw accountGone();
  if (!(await verifyPassword(input.currentPassword, current.passwordHash))) {
    throw new DomainError('INVALID_CREDENTIALS', 'currentPassword: is incorrect', { field: 'currentPassword' });
  }
  const user = await replacePassword(db, userId, await hashPassword(input.newPassword));
  if (user === null) throw accountGone();
  revocations.announce({ userId: user.id, sessionId: null });
  return openSession(user, tokens);
}

/**
 * Changes the caller's username, email or both, by registration's rules; an omitted one keeps its
 * value. Either may be the account's own current value, but not another account's.
 */
export async function updateProfile(
  db: UserDatabase,
  userId: number,
  input: { username?: string | null; email?: string | null },
): Promise<User> {
  const changes = normalizeProfileChanges(input);
  const current = await userById(db, userId);
  // Deleted, or being deleted, since the caller's token was checked.
  if (current === null || current.deletionRequestedAt !== null) throw accountGone();
  const wanted = { username: changes.username ?? current.username, email: changes.email ?? current.email };
  await refuseTakenIdentity(db, wanted, userId);
  const user = await changeIdentity(db, userId, changes);
  if (user === null) throw accountGone();
  if (user !== 'taken') return user;
  // Another write raced past the check above and the unique index refused this one.
  await refuseTakenIdentity(db, wanted, userId);
  throw new Error('the unique index refused a profile change whose username and email are free');
}

export function findUser(db: UserDatabase, id: number): Promise<User | null> {
  return userById(db, id);
}

function openSession(user: User, tokens: TokenSettings): Session {
  return {
    // Each sign-in is a session of its own, so it can be logged out alone.
    token: issueUserToken({ userId: user.id, accountKey: user.accountKey, sessionId: randomUUID() }, tokens.secret, tokens.ttlSeconds),
    expiresAt: new Date(Date.now() + tokens.ttlSeconds * 1000),
    user,
  };
}

const accountGone = () => new DomainError('UNAUTHENTICATED', 'This account no longer accepts sign-ins');

/** `ownerId` is the account asking, when it already exists: its own username and email are not taken. */
async function refuseTakenIdentity(db: UserDatabase, identity: { username: string; email: string }, ownerId?: number): Promise<void> {
  const taken = await takenIdentity(db, identity, ownerId);
  if (taken === 'email') throw new DomainError('EMAIL_TAKEN', 'An account with this email already exists', { field: 'email' });
  if (taken === 'username') throw new DomainError('USERNAME_TAKEN', 'This username is already taken', { field: 'username' });
}
