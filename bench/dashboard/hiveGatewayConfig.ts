// Hive Gateway's configuration for `npm run bench` (hive-gateway -c <this file>): its JWT plugin
// verifies the same user tokens as Ledgerline's router, and a plugin forwards what the subgraphs
// need to accept a call, as router/src/subgraphDataSource.ts sends it: a router assertion for the
// verified caller, a request id and the deadline headers. It gets what makes the router's own
// token work cheap too: the secret as a KeyObject (jsonwebtoken, which its JWT plugin uses, would
// otherwise try to read a string as a PEM key on every verify) and one assertion per request,
// shared by its subgraph calls. Hive's own types are not imported, so the workspace type-checks
// without bench/'s install.
import { createSecretKey, randomUUID } from 'node:crypto';
import { ROUTER_ASSERTION_HEADER, signRouterAssertion, type Caller } from '../../packages/identity/src/index.js';
import { DEADLINE_AT_HEADER, DEADLINE_HEADER, REQUEST_ID_HEADER } from '../../packages/service-runtime/src/index.js';

// Read here, not through a config.ts: this file is Hive Gateway's configuration, started only by the benchmark.
const jwtSecret = createSecretKey(Buffer.from(process.env['JWT_SECRET'] ?? ''));
const routerSigningSecret = process.env['ROUTER_SIGNING_SECRET'] ?? '';
/** The router's SUBGRAPH_TIMEOUT_MS default: what it gives one subgraph call. */
const SUBGRAPH_CALL_MS = 10_000;

interface VerifiedToken {
  payload: { sub?: string; accountKey?: string; sid?: string };
}

interface FetchHookPayload {
  options: { headers?: Record<string, string> };
  setOptions: (options: FetchHookPayload['options']) => void;
  context: { jwt?: VerifiedToken; request?: { headers: { get(name: string): string | null } } };
}

/** The caller the JWT plugin verified; the claims are the ones packages/identity/src/caller.ts signs. */
function callerOf(token: VerifiedToken | undefined): Caller | null {
  const { sub, accountKey, sid } = token?.payload ?? {};
  return sub === undefined || accountKey === undefined || sid === undefined ? null : { userId: Number(sub), accountKey, sessionId: sid };
}

interface RequestAssertion {
  requestId: string;
  assertion: string;
}

/** Each request's assertion, signed at its first subgraph call and reused by the others, as the router does. */
const assertions = new WeakMap<object, RequestAssertion>();

function assertionFor(context: FetchHookPayload['context']): RequestAssertion {
  let signed = assertions.get(context);
  if (signed === undefined) {
    const requestId = context.request?.headers.get(REQUEST_ID_HEADER) ?? randomUUID();
    signed = { requestId, assertion: signRouterAssertion({ caller: callerOf(context.jwt), requestId }, routerSigningSecret) };
    assertions.set(context, signed);
  }
  return signed;
}

const subgraphHeaders = {
  onFetch({ options, setOptions, context }: FetchHookPayload) {
    const { requestId, assertion } = assertionFor(context);
    setOptions({
      ...options,
      headers: {
        ...options.headers,
        [ROUTER_ASSERTION_HEADER]: assertion,
        [REQUEST_ID_HEADER]: requestId,
        [DEADLINE_HEADER]: String(SUBGRAPH_CALL_MS),
        [DEADLINE_AT_HEADER]: String(Date.now() + SUBGRAPH_CALL_MS),
      },
    });
  },
};

export const gatewayConfig = {
  jwt: {
    signingKeyProviders: [() => jwtSecret],
    tokenVerification: { algorithms: ['HS256'], issuer: 'ledgerline-user', audience: 'ledgerline' },
    reject: { missingToken: true, invalidToken: true },
  },
  plugins: () => [subgraphHeaders],
};
