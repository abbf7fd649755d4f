// An account revocation as the User service announces it and routers read it, over either bus:
// the gRPC stream's FollowAccountRevocationsResponse, or (with REDIS_URL) the same message as JSON
// on one Redis channel. One contract, so both buses carry exactly the same fact.
import type { FollowAccountRevocationsResponse__Output } from './generated/ledgerline/user/v1/FollowAccountRevocationsResponse.js';

/**
 * With no session, every token of the account issued before now is refused from now on; with one,
 * only that session's tokens (it was logged out) and the account's other sessions go on.
 */
export interface AccountRevocation {
  userId: number;
  sessionId: string | null;
}

/**
 * The one Redis channel of revocations (after the deployment's key prefix). Unlike group events
 * there is one channel for every user: each router serves WebSockets of any user, so it must hear
 * of every revocation.
 */
export const accountRevocationChannel = (keyPrefix: string): string => `${keyPrefix}accounts:revoked`;

/** The largest user id: ids are PostgreSQL `integer`s, int32 on the wire. */
const MAX_USER_ID = 2_147_483_647;

/** Session ids are UUIDs; anything longer is not one, and is not worth keeping as a key. */
const MAX_SESSION_ID_LENGTH = 64;

const isUserId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_USER_ID;

/** A message's session id: absent or empty is the whole account (null); undefined when it is not text. */
function sessionIdOf(value: unknown): string | null | undefined {
  if (value === undefined || value === '') return null;
  return typeof value === 'string' && value.length <= MAX_SESSION_ID_LENGTH ? value : undefined;
}

/** The stream's message (and, as JSON, the Redis message) for a revocation; the whole account's has an empty session id. */
export function messageOfAccountRevocation(revocation: AccountRevocation): FollowAccountRevocationsResponse__Output {
  return { userId: revocation.userId, sessionId: revocation.sessionId ?? '' };
}

/** The revocation in a message, or null when it names no user (an absent id reads as 0) or a session id that is not text. */
function revocationOf(userId: unknown, sessionId: unknown): AccountRevocation | null {
  const session = sessionIdOf(sessionId);
  return isUserId(userId) && session !== undefined ? { userId, sessionId: session } : null;
}

/** The revocation in the stream's message, or null when it names no user (an absent id reads as 0). */
export function accountRevocationFromMessage(message: FollowAccountRevocationsResponse__Output): AccountRevocation | null {
  return revocationOf(message.userId, message.sessionId);
}

/** The Redis message for a revocation. */
export function accountRevocationJson(revocation: AccountRevocation): string {
  return JSON.stringify(messageOfAccountRevocation(revocation));
}

/** Reads a Redis message; null for anything that is not a well-formed revocation (it is logged and dropped). */
export function accountRevocationFromJson(text: string): AccountRevocation | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const { userId, sessionId } = message as Partial<Record<string, unknown>>;
  return revocationOf(userId, sessionId);
}
