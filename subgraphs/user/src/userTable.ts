// The data layer of accounts: the only code that calls Prisma for users. A unique index refusing
// an insert comes back as null here, so the account rules never see a Prisma error code.
import { isPrismaError } from '@ledgerline/service-runtime';
import type { UserDatabase } from './db.js';
import type { User } from './generated/prisma/client.js';

/** Prisma's code for a unique constraint refusing a write. */
const UNIQUE_CONSTRAINT_FAILED = 'P2002';

/** The new user, or null when its email or username is already taken. */
export async function insertUser(db: UserDatabase, data: { username: string; email: string; passwordHash: string }): Promise<User | null> {
  try {
    return await db.user.create({ data });
  } catch (error) {
    if (isPrismaError(error, UNIQUE_CONSTRAINT_FAILED)) return null;
    throw error;
  }
}

export function userById(db: UserDatabase, id: number): Promise<User | null> {
  return db.user.findUnique({ where: { id } });
}

/** `email` as stored: lower-cased. */
export function userByEmail(db: UserDatabase, email: string): Promise<User | null> {
  return db.user.findUnique({ where: { email } });
}

/** Which of the two is taken, if either: the email wins when both are. */
export async function takenIdentity(db: UserDatabase, username: string, email: string): Promise<'email' | 'username' | null> {
  const taken = await db.user.findFirst({ where: { OR: [{ email }, { username }] }, select: { email: true } });
  if (taken === null) return null;
  return taken.email === email ? 'email' : 'username';
}
