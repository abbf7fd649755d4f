// Registration, login and profile look-ups: the User service's rules, on top of its database.
import { issueUserToken } from '@ledgerline/identity';
import { DomainError } from '@ledgerline/service-runtime';
import { checkNewPassword, normalizeEmail, normalizeUsername } from './accountRules.js';
import type { UserDatabase } from './db.js';
import type { User } from './generated/prisma/client.js';
import { DECOY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.js';

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
  await refuseTakenIdentity(db, username, email);
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({ data: { username, email, passwordHash } });
    return openSession(user, tokens);
  } catch (error) {
    // Two registrations raced past the check above; the unique index decides.
    if (isUniqueViolation(error)) await refuseTakenIdentity(db, username, email);
    throw error;
  }
}

export async function logIn(
  db: UserDatabase,
  tokens: TokenSettings,
  input: { email: string; password: string },
): Promise<Session> {
  const user = await db.user.findUnique({ where: { email: input.email.trim().toLowerCase() } });
  const passwordMatches = await verifyPassword(input.password, user?.passwordHash ?? DECOY_PASSWORD_HASH);
  if (user === null || !passwordMatches) {
    throw new DomainError('INVALID_CREDENTIALS', 'Email or password is incorrect');
  }
  return openSession(user, tokens);
}

export function findUser(db: UserDatabase, id: number): Promise<User | null> {
  return db.user.findUnique({ where: { id } });
}

function openSession(user: User, tokens: TokenSettings): Session {
  return {
    token: issueUserToken(user.id, tokens.secret, tokens.ttlSeconds),
    expiresAt: new Date(Date.now() + tokens.ttlSeconds * 1000),
    user,
  };
}

async function refuseTakenIdentity(db: UserDatabase, username: string, email: string): Promise<void> {
  const taken = await db.user.findFirst({
    where: { OR: [{ email }, { username }] },
    select: { email: true },
  });
  if (taken === null) return;
  if (taken.email === email) {
    throw new DomainError('EMAIL_TAKEN', 'An account with this email already exists', { field: 'email' });
  }
  throw new DomainError('USERNAME_TAKEN', 'This username is already taken', { field: 'username' });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}
