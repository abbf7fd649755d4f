// Callers for tests that sign tokens or assertions themselves: a user id with an account key.
import { randomUUID } from 'node:crypto';
import type { Caller } from '@ledgerline/identity';

/** User `userId` holding a fresh account key, as a new account would. */
export const callerFor = (userId: number): Caller => ({ userId, accountKey: randomUUID(), sessionId: randomUUID() });
