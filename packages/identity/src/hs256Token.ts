// Signs and verifies HS256 JWTs directly with node:crypto. jsonwebtoken's sign checks its options
// and claims with lodash on every call, which made it most of the router's cost of an assertion per
// request, and its verify was a twentieth of a subgraph's CPU per request; what they do for these
// tokens is exactly this: a fixed header, the claims, an HMAC-SHA256, and the same checks on the way in.
import { createHmac, timingSafeEqual } from 'node:crypto';
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

/** Why a token was refused; the caller turns it into its own InvalidTokenError. */
export class Hs256Refusal extends Error {}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function decodedJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new Hs256Refusal('not JSON');
  }
}

/**
 * The claims of a token signed with `secret`, by HS256 only (the algorithm is pinned, never read
 * from the token), issued by `iss` for `aud`, with an expiry that has not passed and no `nbf` in
 * the future: the checks jsonwebtoken's verify makes with these options. Throws Hs256Refusal.
 */
export function verifyHs256(token: string, expected: { iss: string; aud: string }, secret: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Hs256Refusal('malformed');
  const [header = '', payload = '', signature = ''] = parts;
  const algorithm = decodedJson(header);
  if (typeof algorithm !== 'object' || algorithm === null || (algorithm as { alg?: unknown }).alg !== 'HS256') {
    throw new Hs256Refusal('algorithm');
  }
  const expectedSignature = createHmac('sha256', hmacKey(secret)).update(`${header}.${payload}`).digest();
  const presented = Buffer.from(signature, 'base64url');
  // base64url decoding skips stray characters: comparing the text too refuses a signature with any.
  if (
    presented.length !== expectedSignature.length ||
    !timingSafeEqual(presented, expectedSignature) ||
    presented.toString('base64url') !== signature
  ) {
    throw new Hs256Refusal('signature');
  }
  const claims = decodedJson(payload);
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Hs256Refusal('claims');
  const { exp, nbf, iat, iss, aud } = claims as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  if (!isNumber(exp) || now >= exp) throw new Hs256Refusal('expired');
  if (nbf !== undefined && (!isNumber(nbf) || now < nbf)) throw new Hs256Refusal('not yet valid');
  if (iat !== undefined && !isNumber(iat)) throw new Hs256Refusal('iat');
  if (iss !== expected.iss) throw new Hs256Refusal('issuer');
  if (aud !== expected.aud && !(Array.isArray(aud) && aud.includes(expected.aud))) throw new Hs256Refusal('audience');
  return claims as Record<string, unknown>;
}
