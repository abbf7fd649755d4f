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

/**
 * A token verified once is not verified again while it lasts: a client sends the same token with
 * every request, and the signature and claims checks were a twentieth of the router's CPU per
 * request. Only tokens that passed are kept, each with the secret that passed it; its expiry is
 * still checked on every use. The bound is for a busy replica's signed-in clients; past it the
 * oldest go first.
 */
const MAX_VERIFIED_TOKENS = 10_000;
const verified = new Map<string, { secret: string; claims: UserTokenClaims }>();

export function verifyUserToken(token: string, secret: string): UserTokenClaims {
  const known = verified.get(token);
  if (known !== undefined && known.secret === secret) {
    // As jsonwebtoken judges it: expired from the second of `exp` on.
    if (Date.now() >= known.claims.expiresAt.getTime()) {
      verified.delete(token);
      throw new InvalidTokenError('token expired');
    }
    return { ...known.claims, expiresAt: new Date(known.claims.expiresAt) };
  }
  const claims = verifiedNow(token, secret);
  if (verified.size >= MAX_VERIFIED_TOKENS) verified.delete(verified.keys().next().value ?? token);
  verified.set(token, { secret, claims });
  return { ...claims, expiresAt: new Date(claims.expiresAt) };
}

function verifiedNow(token: string, secret: string): UserTokenClaims {
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
