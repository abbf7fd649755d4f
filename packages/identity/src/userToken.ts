// The session token a user gets at login and presents to the router (HTTP header today,
// WebSocket connection_init and gRPC metadata later): an HS256 JWT whose `sub` is the user id.
import jwt from 'jsonwebtoken';
import { InvalidTokenError } from './InvalidTokenError.js';
import { parseRecordId } from './recordId.js';

const ALGORITHM = 'HS256';
const ISSUER = 'ledgerline-user';
const AUDIENCE = 'ledgerline';

export interface UserTokenClaims {
  userId: number;
  expiresAt: Date;
}

export function issueUserToken(userId: number, secret: string, ttlSeconds: number): string {
  return jwt.sign({}, secret, {
    algorithm: ALGORITHM,
    subject: String(userId),
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: ttlSeconds,
  });
}

export function verifyUserToken(token: string, secret: string): UserTokenClaims {
  let payload: jwt.JwtPayload | string;
  try {
    payload = jwt.verify(token, secret, { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE });
  } catch (error) {
    throw new InvalidTokenError(error instanceof jwt.TokenExpiredError ? 'token expired' : 'token invalid');
  }
  if (typeof payload === 'string' || payload.exp === undefined) throw new InvalidTokenError('token invalid');
  const userId = parseRecordId(payload.sub);
  if (userId === null) throw new InvalidTokenError('token invalid');
  return { userId, expiresAt: new Date(payload.exp * 1000) };
}
