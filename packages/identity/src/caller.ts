// Who a request acts for. A user id alone is not enough: ids are serial, so after a database reset
// or a deletion another account may get the same id. The account key is a random value each
// account holds and no other account ever will, so a token names one account, not one id.
import { z } from 'zod';
import { InvalidTokenError } from './InvalidTokenError.js';
import { parseRecordId } from './recordId.js';

export interface Caller {
  userId: number;
  /** The account key the caller's session token carries; the User service says whether it is still the account's. */
  accountKey: string;
}

/** The JWT claim that carries the account key, in user tokens, router assertions and service credentials. */
export const ACCOUNT_KEY_CLAIM = 'accountKey';

const accountKeySchema = z.uuid();

/** The caller a token's `sub` and account-key claim name; `reason` is the refusal if they name none. */
export function callerFromClaims(subject: unknown, accountKey: unknown, reason: string): Caller {
  const userId = parseRecordId(subject);
  const key = accountKeySchema.safeParse(accountKey);
  if (userId === null || !key.success) throw new InvalidTokenError(reason);
  return { userId, accountKey: key.data };
}
