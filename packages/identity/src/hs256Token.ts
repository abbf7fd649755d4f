// Signs an HS256 JWT directly with node:crypto. jsonwebtoken's sign checks its options and claims
// with lodash on every call, which made it most of the router's cost of an assertion per request;
// what it produces for these claims is exactly this: a fixed header, the claims, an HMAC-SHA256.
import { createHmac } from 'node:crypto';
import { hmacKey } from './hmacKey.js';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export interface RegisteredClaims {
  iss: string;
  aud: string;
  sub?: string;
  lifetimeSeconds: number;
}

/** The token of `claims` plus iat, exp, iss, aud and sub (when given), as jsonwebtoken would sign them. */
export function signHs256(claims: Record<string, string>, registered: RegisteredClaims, secret: string): string {
  const iat = Math.floor(Date.now() / 1000);
  const { lifetimeSeconds, ...names } = registered;
  const payload = Buffer.from(JSON.stringify({ ...claims, iat, exp: iat + lifetimeSeconds, ...names })).toString('base64url');
  const signature = createHmac('sha256', hmacKey(secret)).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${signature}`;
}
