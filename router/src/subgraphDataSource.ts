import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { ROUTER_ASSERTION_HEADER, signRouterAssertion } from '@ledgerline/identity';
import { DEADLINE_AT_HEADER, DEADLINE_HEADER, IDEMPOTENCY_KEY_HEADER, REQUEST_ID_HEADER } from '@ledgerline/service-runtime';
import type { RouterContext } from './context.js';
import type { RouterMetrics, SubgraphCallOutcome } from './metrics.js';
import { failureErrors, subgraphFailureOf, type SubgraphFailure } from './subgraphFailures.js';
import { subgraphFetcher } from './subgraphFetcher.js';

export interface SubgraphCallLimits {
  /** The longest one call to a subgraph may take. */
  callTimeoutMs: number;
  /** The longest a whole operation may take, across all its calls. */
  operationTimeoutMs: number;
}

/**
 * A call is given up when the time it carries in its deadline header runs out, so a hung subgraph
 * fails its part of the answer instead of holding the request.
 */
function fetchUntilDeadline(fallbackMs: number): Fetcher {
  return subgraphFetcher((init) => Number(init.headers?.[DEADLINE_HEADER] ?? fallbackMs));
}

/**
 * The calls of one request share the assertion signed for its first call (signing was a twentieth
 * of the router's CPU per request), while it is this young: every call still carries well over
 * half of the assertion's 60 s lifetime, however long the operation runs.
 */
const ASSERTION_REUSE_MS = 10_000;
const assertionsByRequest = new WeakMap<RouterContext, { secret: string; value: string; signedAt: number }>();

function assertionFor(context: RouterContext, secret: string): string {
  const now = Date.now();
  const signed = assertionsByRequest.get(context);
  if (signed !== undefined && signed.secret === secret && now - signed.signedAt < ASSERTION_REUSE_MS) return signed.value;
  const value = signRouterAssertion({ caller: context.caller, requestId: context.requestId }, secret);
  assertionsByRequest.set(context, { secret, value, signedAt: now });
  return value;
}

const OUTCOME_OF_FAILURE: Record<SubgraphFailure, SubgraphCallOutcome> = {
  SUBGRAPH_UNAVAILABLE: 'unavailable',
  SUBGRAPH_TIMEOUT: 'timeout',
};

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

const elapsedMsSince = (startHrTime: [number, number]): number => {
  const [seconds, nanoseconds] = process.hrtime(startHrTime);
  return seconds * 1000 + nanoseconds / 1e6;
};

/**
 * Every call to a subgraph carries a router assertion (who the caller is, signed), the
 * request id, and the time the router still waits for it (as a duration and as a reading of the
 * router's clock), which the subgraph keeps to: it starts and commits no work past it. A mutation
 * also carries the client's Idempotency-Key. Nothing else the client sent is forwarded, so a
 * client cannot smuggle its own assertion.
 *
 * A call that fails (the subgraph down, or not answering in time) does not fail the operation: it
 * becomes an error with a code on each field the subgraph would have filled, logged once here.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(
    url: string,
    private readonly subgraphName: string,
    private readonly signingSecret: string,
    private readonly limits: SubgraphCallLimits,
    private readonly metrics: Pick<RouterMetrics, 'subgraphCallFailures' | 'subgraphRequestDurations'>,
  ) {
    super({ url, fetcher: fetchUntilDeadline(limits.callTimeoutMs) });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const { request, context } = options;
    const headers = request.http?.headers;
    if (headers === undefined) return;
    // Health checks run without a request context: they go out anonymous.
    const { caller = null, requestId = '', idempotencyKey = null } = context as Partial<RouterContext>;
    const assertion =
      'incomingRequestContext' in options
        ? assertionFor(options.context, this.signingSecret)
        : signRouterAssertion({ caller, requestId }, this.signingSecret);
    headers.set(ROUTER_ASSERTION_HEADER, assertion);
    if (requestId !== '') headers.set(REQUEST_ID_HEADER, requestId);
    const timeLeftMs = this.timeLeftMs(options);
    headers.set(DEADLINE_HEADER, String(timeLeftMs));
    headers.set(DEADLINE_AT_HEADER, String(Date.now() + timeLeftMs));
    if (idempotencyKey !== null && request.query?.trimStart().startsWith('mutation')) headers.set(IDEMPOTENCY_KEY_HEADER, idempotencyKey);
  }

  override async process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<SubgraphResponse> {
    const started = performance.now();
    const observe = (outcome: SubgraphCallOutcome) =>
      this.metrics.subgraphRequestDurations.observe({ subgraph: this.subgraphName, outcome }, (performance.now() - started) / 1000);
    try {
      const response = await super.process(options);
      observe(response.errors !== undefined && response.errors.length > 0 ? 'error' : 'ok');
      return response;
    } catch (error) {
      const failure = subgraphFailureOf(error);
      observe(failure === null ? 'error' : OUTCOME_OF_FAILURE[failure]);
      if (failure === null || !('incomingRequestContext' in options)) throw error;
      this.metrics.subgraphCallFailures.inc({ subgraph: this.subgraphName, failure });
      options.context.log.warn({ subgraph: this.subgraphName, failure, err: error }, 'subgraph call failed; answering without its fields');
      const { query = '', variables } = options.request;
      return { errors: failureErrors(failure, this.subgraphName, { query, document: options.document, variables }) };
    }
  }

  /** What is left of the operation's time, never more than one call may take. */
  private timeLeftMs(options: GraphQLDataSourceProcessOptions<RouterContext>): number {
    const { callTimeoutMs, operationTimeoutMs } = this.limits;
    if (!('incomingRequestContext' in options)) return callTimeoutMs;
    const startHrTime = options.incomingRequestContext.metrics.startHrTime;
    const left = startHrTime === undefined ? operationTimeoutMs : operationTimeoutMs - elapsedMsSince(startHrTime);
    return Math.max(0, Math.min(callTimeoutMs, Math.round(left)));
  }
}
