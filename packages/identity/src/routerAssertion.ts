// What the router tells a subgraph about a request: who the caller is (if anyone) and the request
// id. It is a short-lived HS256 JWT signed with a secret only the router and the subgraphs hold,
// so a subgraph can refuse both a forged identity and any call that did not come through the router.
import jwt from 'jsonwebtoken';
import { InvalidTokenError } from './InvalidTokenError.js';
import { parseRecordId } from './recordId.js';

export const ROUTER_ASSERTION_HEADER = 'x-ledgerline-router-assertion';

const ALGORITHM = 'HS256';
const ISSUER = 'ledgerline-router';
const AUDIENCE = 'ledgerline-subgraphs';
/** Long enough for a slow subgraph call, short enough that a leaked header is soon useless. */
const LIFETIME_SECONDS = 60;

export interface RouterAssertion {
  /** The verified caller, or null for an anonymous request (register, login). */
  userId: number | null;
  requestId: string;
}

export function signRouterAssertion(assertion: RouterAssertion, secret: string): string {
  const options: jwt.SignOptions = {
    algorithm: ALGORITHM,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: LIFETIME_SECONDS,
  };
  if (assertion.userId !== null) options.subject = String(assertion.userId);
  return jwt.sign({ rid: assertion.requestId }, secret, options);
}

export function verifyRouterAssertion(value: string, secret: string): RouterAssertion {
  let payload: jwt.JwtPayload | string;
  try {
    payload = jwt.verify(value, secret, { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE });
  } catch {
    throw new InvalidTokenError('router assertion invalid');
  }
  if (typeof payload === 'string' || payload.exp === undefined) {
    throw new InvalidTokenError('router assertion invalid');
  }
  const userId = payload.sub === undefined ? null : parseRecordId(payload.sub);
  if (payload.sub !== undefined && userId === null) throw new InvalidTokenError('router assertion invalid');
  const requestId = typeof payload['rid'] === 'string' ? payload['rid'] : '';
  return { userId, requestId };
}
