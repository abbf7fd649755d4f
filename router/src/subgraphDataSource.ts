import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { ROUTER_ASSERTION_HEADER, signRouterAssertion } from '@ledgerline/identity';
import { REQUEST_ID_HEADER } from '@ledgerline/service-runtime';
import type { RouterContext } from './context.js';

/** Node's own fetch, with a deadline so a hung subgraph fails the request instead of holding it. */
function fetchWithDeadline(timeoutMs: number): Fetcher {
  return ((url: string, init: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
}

/**
 * Every call to a subgraph carries a fresh router assertion (who the caller is, signed) and the
 * request id. Nothing the client sent is forwarded, so a client cannot smuggle its own assertion.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(
    url: string,
    private readonly signingSecret: string,
    timeoutMs: number,
  ) {
    super({ url, fetcher: fetchWithDeadline(timeoutMs) });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const headers = request.http?.headers;
    if (headers === undefined) return;
    // Health checks run without a request context: they go out anonymous.
    const { caller = null, requestId = '' } = context as Partial<RouterContext>;
    headers.set(ROUTER_ASSERTION_HEADER, signRouterAssertion({ caller, requestId }, this.signingSecret));
    if (requestId !== '') headers.set(REQUEST_ID_HEADER, requestId);
  }
}
