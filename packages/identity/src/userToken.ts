// The session token a user gets at login and presents to the router (HTTP header today,
// WebSocket connection_init): an HS256 JWT whose `sub` is the user id, whose account-key claim
// binds it to one account and whose session id names the sign-in it belongs to (caller.ts).
import jwt from 'jsonwebtoken';
import { hmacKey } from './hmacKey.js';
import { callerClaimsOf, callerFromClaims, claimsOfCaller, type Caller } from './caller.js';
import { InvalidTokenError } from './InvalidTokenError.js';

const ALGORITHM = 'HS256';
const ISSUER = 'ledgerline-user';
const AUDIENCE = 'ledgerline';

export interface UserTokenClaims extends Caller {
  expiresAt: Date;
}

export function issueUserToken(caller: Caller, secret: string, ttlSeconds: number): string {
  return jwt.sign(claimsOfCaller(caller), hmacKey(secret), {
    algorithm: ALGORITHM,
    subject: String(caller.userId),
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: ttlSeconds,
  });
}

export function verifyUserToken(token: string, secret: string): UserTokenClaims {
  let payload: jwt.JwtPayload | string;
  try {
    payload = jwt.verify(token, hmacKey(secret), { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE });
  } catch (error) {
    throw new InvalidTokenError(error instanceof jwt.TokenExpiredError ? 'token expired' : 'token invalid');
  }
  if (typeof payload === 'string' || payload.exp === undefined) throw new InvalidTokenError('token invalid');
  // A token from before account keys or session ids cannot be revoked on its own: it is refused,
  // and its holder signs in again.
  const caller = callerFromClaims(callerClaimsOf(payload), 'token invalid');
  return { ...caller, expiresAt: new Date(payload.exp * 1000) };
}
