// How one Ledgerline service proves itself to another over gRPC: a short-lived HS256 JWT in the
// call's `authorization` metadata, signed with a secret only the services hold (not the router's,
// not the users'). Its audience is the gRPC service called, so a credential for one cannot be
// replayed against another. A call made for a user carries that user as the subject: the user
// travels signed, never in a message field a caller could fill in freely.
import jwt from 'jsonwebtoken';
import { hmacKey } from './hmacKey.js';
import { InvalidTokenError } from './InvalidTokenError.js';
import { parseRecordId } from './recordId.js';

export const SERVICE_CREDENTIAL_METADATA = 'authorization';
/** The router's name as a caller: it checks tokens and follows event streams, and some streams admit only it. */
export const ROUTER_SERVICE_NAME = 'ledgerline-router';

const ALGORITHM = 'HS256';
/** One call's worth, with room for retries and clock skew between pods. */
const LIFETIME_SECONDS = 30;
const REFUSAL = 'service credential invalid';

export interface ServiceCredential {
  /** The calling service, e.g. "ledgerline-finance". */
  caller: string;
  /** The user the call acts for, or null for a call on the service's own behalf. */
  userId: number | null;
}

export function signServiceCredential(credential: ServiceCredential, audience: string, secret: string): string {
  const options: jwt.SignOptions = { algorithm: ALGORITHM, issuer: credential.caller, audience, expiresIn: LIFETIME_SECONDS };
  if (credential.userId !== null) options.subject = String(credential.userId);
  return jwt.sign({}, hmacKey(secret), options);
}

/** The credential, if it is signed with `secret`, meant for `audience` and unexpired. */
export function verifyServiceCredential(value: string, audience: string, secret: string): ServiceCredential {
  let payload: jwt.JwtPayload | string;
  try {
    payload = jwt.verify(value, hmacKey(secret), { algorithms: [ALGORITHM], audience });
  } catch (error) {
    throw new InvalidTokenError(error instanceof jwt.TokenExpiredError ? 'service credential expired' : REFUSAL);
  }
  if (typeof payload === 'string' || payload.exp === undefined || typeof payload.iss !== 'string') throw new InvalidTokenError(REFUSAL);
  const userId = payload.sub === undefined ? null : parseRecordId(payload.sub);
  if (payload.sub !== undefined && userId === null) throw new InvalidTokenError(REFUSAL);
  return { caller: payload.iss, userId };
}
