// Who a request acts for. A user id alone is not enough: ids are serial, so after a database reset
// or a deletion another account may get the same id. The account key is a random value each
// account holds and no other account ever will, so a token names one account, not one id. The
// session id names one sign-in (one device) of that account, so it can be ended on its own.
import { z } from 'zod';
import { InvalidTokenError } from './InvalidTokenError.js';
import { parseRecordId } from './recordId.js';

export interface Caller {
  userId: number;
  /** The account key the caller's session token carries; the User service says whether it is still the account's. */
  accountKey: string;
  /** The sign-in the caller's token belongs to: logging out ends this session and no other. */
  sessionId: string;
}

/** The JWT claim that carries the account key, in user tokens, router assertions and service credentials. */
export const ACCOUNT_KEY_CLAIM = 'accountKey';
/** The JWT claim that carries the session id, in user tokens and router assertions. */
export const SESSION_ID_CLAIM = 'sid';

const randomKeySchema = z.uuid();

/** The caller-naming claims of a token as they appear in it, not yet checked. */
export interface CallerClaims {
  sub: unknown;
  accountKey: unknown;
  sessionId: unknown;
}

/** The claims that name `caller`, to sign into a token. */
export const claimsOfCaller = (caller: Caller): Record<string, string> => ({
  [ACCOUNT_KEY_CLAIM]: caller.accountKey,
  [SESSION_ID_CLAIM]: caller.sessionId,
});

/** The claims a verified JWT payload holds that name a caller. */
export const callerClaimsOf = (payload: Record<string, unknown>): CallerClaims => ({
  sub: payload['sub'],
  accountKey: payload[ACCOUNT_KEY_CLAIM],
  sessionId: payload[SESSION_ID_CLAIM],
});

/** The caller a token's `sub`, account-key and session claims name; `reason` is the refusal if they name none. */
export function callerFromClaims(claims: CallerClaims, reason: string): Caller {
  const userId = parseRecordId(claims.sub);
  const key = randomKeySchema.safeParse(claims.accountKey);
  const session = randomKeySchema.safeParse(claims.sessionId);
  if (userId === null || !key.success || !session.success) throw new InvalidTokenError(reason);
  return { userId, accountKey: key.data, sessionId: session.data };
}
