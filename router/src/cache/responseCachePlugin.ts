// The response cache as an Apollo Server plugin, so /graphql and the REST routes (which run their
// operations on the same server) are served from it alike: a cacheable query is answered from the
// cache before the gateway plans it, a miss is stored once answered, and a mutation starts new
// generations of what it changes before its answer leaves.
import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { Kind, OperationTypeNode, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { RouterContext } from '../context.js';
import type { RouterMetrics } from '../metrics.js';
import { canonicalJson } from '../subscriptions/viewerDependence.js';
import { cacheableQuery, readsOnlyViewer, type CacheableQuery } from './cacheableQuery.js';
import { kindsChangedBy, timeToLiveOf } from './cachePolicy.js';
import type { CacheGenerations } from './cacheGenerations.js';
import type { OutageTolerantCache } from './outageTolerantCache.js';

/** Outside production, says how a query was answered: hit, miss, or bypass (not cacheable, or the cache unavailable). */
export const CACHE_STATUS_HEADER = 'x-ledgerline-cache';

type CacheStatus = 'hit' | 'miss' | 'bypass';

export interface ResponseCacheOptions {
  entries: OutageTolerantCache;
  generations: CacheGenerations;
  /** The key of a response: the owner in clear, then the generations it depends on, then a digest of the rest. */
  entryKey(ownerId: number, generations: readonly string[], digest: string): string;
  metrics: Pick<RouterMetrics, 'responseCacheLookups'>;
  /** Whether responses carry CACHE_STATUS_HEADER. */
  announceStatus: boolean;
}

export function responseCachePlugin(options: ResponseCacheOptions): ApolloServerPlugin<RouterContext> {
  const queries = new WeakMap<OperationDefinitionNode, CacheableQuery | null>();
  const cacheableOf = (document: DocumentNode, operation: OperationDefinitionNode): CacheableQuery | null => {
    let query = queries.get(operation);
    if (query === undefined) {
      query = cacheableQuery(document, operation);
      queries.set(operation, query);
    }
    return query;
  };

  return {
    async requestDidStart() {
      let status: CacheStatus = 'bypass';
      let fill: { key: string; ttl: number } | null = null;
      return {
        async responseForOperation(request) {
          const caller = request.contextValue.caller;
          if (caller === null) return null;
          const query = cacheableOf(request.document, request.operation);
          if (query === null || !readsOnlyViewer(query, caller.userId, request.request.variables)) return null;
          const generations = await options.generations.current(caller.userId, query.kinds);
          if (generations === null) {
            options.metrics.responseCacheLookups.inc({ result: 'unavailable' });
            return null;
          }
          // The account key is in the digest: a token revoked by signing out everywhere never
          // reads what a token of the account's new key cached, even before generations move.
          const digest = sha256([
            caller.accountKey,
            request.source,
            request.operationName ?? '',
            canonicalJson(request.request.variables ?? {}),
          ]);
          const key = options.entryKey(caller.userId, generations, digest);
          const cached = parsedEntry(await options.entries.get(key));
          if (cached === undefined) {
            options.metrics.responseCacheLookups.inc({ result: 'miss' });
            status = 'miss';
            fill = { key, ttl: timeToLiveOf(query.kinds) };
            return null;
          }
          options.metrics.responseCacheLookups.inc({ result: 'hit' });
          status = 'hit';
          request.metrics.responseCacheHit = true;
          return { body: { kind: 'single', singleResult: { data: cached } }, http: { headers: new HeaderMap() } };
        },
        async willSendResponse(request) {
          const operation = request.operation?.operation;
          if (operation === OperationTypeNode.MUTATION) await invalidateWhatChanged(request, options.generations);
          if (operation === OperationTypeNode.QUERY && options.announceStatus) {
            request.response.http.headers.set(CACHE_STATUS_HEADER, status);
          }
          if (fill === null || request.response.body.kind !== 'single') return;
          const { data, errors } = request.response.body.singleResult;
          // Only whole answers: an error may be a subgraph's passing trouble.
          if (errors !== undefined || data === undefined || data === null) return;
          await options.entries.set(fill.key, JSON.stringify(data), { ttl: fill.ttl });
        },
      };
    },
  };
}

/**
 * Whatever the outcome: a mutation that failed (a subgraph timed out, say) may have written
 * before it did, and a needless new generation costs only a miss.
 */
async function invalidateWhatChanged(
  request: GraphQLRequestContextWillSendResponse<RouterContext>,
  generations: CacheGenerations,
): Promise<void> {
  const caller = request.contextValue.caller;
  const operation = request.operation;
  if (caller === null || operation === undefined) return;
  const fields = operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD && selection.name.value !== '__typename' ? [selection.name.value] : [],
  );
  // Fragments on Mutation are legal and rare: not knowing their fields, change everything.
  const spreadsFragments = operation.selectionSet.selections.some((selection) => selection.kind !== Kind.FIELD);
  const kinds = kindsChangedBy(spreadsFragments ? ['(fragment)'] : fields);
  if (kinds.length > 0) await generations.advance(caller.userId, kinds);
}

/** An entry that does not parse (written by a broken client of the store, say) is a miss, not a failed request. */
function parsedEntry(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function sha256(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('base64url');
}
