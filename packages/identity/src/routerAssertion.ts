// What the router tells a subgraph about a request: who the caller is (if anyone) and the request
// id. It is a short-lived HS256 JWT signed with a secret only the router and the subgraphs hold,
// so a subgraph can refuse both a forged identity and any call that did not come through the router.
import { signHs256, verifyHs256 } from './hs256Token.js';
import { ACCOUNT_KEY_CLAIM, callerClaimsOf, callerFromClaims, claimsOfCaller, SESSION_ID_CLAIM, type Caller } from './caller.js';
import { InvalidTokenError } from './InvalidTokenError.js';

export const ROUTER_ASSERTION_HEADER = 'x-ledgerline-router-assertion';

const ISSUER = 'ledgerline-router';
const AUDIENCE = 'ledgerline-subgraphs';
/** Long enough for a slow subgraph call, short enough that a leaked header is soon useless. */
const LIFETIME_SECONDS = 60;
const REFUSAL = 'router assertion invalid';

export interface RouterAssertion {
  /** The verified caller, or null for an anonymous request (register, login). */
  caller: Caller | null;
  requestId: string;
}

export function signRouterAssertion(assertion: RouterAssertion, secret: string): string {
  const registered = { iss: ISSUER, aud: AUDIENCE, lifetimeSeconds: LIFETIME_SECONDS };
  const { caller, requestId } = assertion;
  if (caller === null) return signHs256({ rid: requestId }, registered, secret);
  return signHs256({ rid: requestId, ...claimsOfCaller(caller) }, { ...registered, sub: String(caller.userId) }, secret);
}

export function verifyRouterAssertion(value: string, secret: string): RouterAssertion {
  let payload: Record<string, unknown>;
  try {
    payload = verifyHs256(value, { iss: ISSUER, aud: AUDIENCE }, secret);
  } catch {
    throw new InvalidTokenError(REFUSAL);
  }
  const anonymous = payload.sub === undefined && payload[ACCOUNT_KEY_CLAIM] === undefined && payload[SESSION_ID_CLAIM] === undefined;
  const caller = anonymous ? null : callerFromClaims(callerClaimsOf(payload), REFUSAL);
  const requestId = typeof payload['rid'] === 'string' ? payload['rid'] : '';
  return { caller, requestId };
}
