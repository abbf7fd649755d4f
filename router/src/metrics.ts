// The router's Prometheus metrics, served at GET /metrics on METRICS_PORT: its operations, REST
// routes and subgraph calls, what its WebSockets and live group events cost, and how its caches
// fare. One registry per router (not prom-client's global one), so two routers in one process (the
// tests) count apart.
import { operationDurationHistogram, serviceMetrics, type GrpcCallMetrics, type OperationLabel } from '@ledgerline/service-runtime';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type WebSocketRouteName = 'graphql' | 'group_updates';
/** How a group event was read: once for every subscriber sharing a selection, once for one viewer, or to catch one subscriber up. */
export type ResolutionScope = 'shared' | 'viewer' | 'catch_up';

/** How a call to a subgraph ended: answered without errors, answered with GraphQL errors, or not answered. */
export type SubgraphCallOutcome = 'ok' | 'error' | 'unavailable' | 'timeout';

export interface RouterMetrics {
  registry: Registry;
  grpcCalls: GrpcCallMetrics;
  operationDurations: Histogram<OperationLabel>;
  restRequestDurations: Histogram<'method' | 'route' | 'status'>;
  subgraphRequestDurations: Histogram<'subgraph' | 'outcome'>;
  tokenLivenessLookups: Counter<'result'>;
  /** Commit in Finance to queued for subscribers; observed where the fan-out learns an event's commit time. */
  groupEventDeliveryLag: Histogram;
  groupEventResolutions: Counter<'scope'>;
  groupEventDeliveries: Counter<'route'>;
  webSocketConnections: Gauge<'route'>;
  subscriptions: Gauge<'route'>;
  webSocketCloses: Counter<'reason'>;
  responseCacheLookups: Counter<'result'>;
  responseCacheInvalidations: Counter<'kind'>;
  cacheStoreErrors: Counter<'operation'>;
  persistedQueries: Counter<'result'>;
  subgraphCallFailures: Counter<'subgraph' | 'failure'>;
  loginThrottleRefusals: Counter<'limit'>;
  loginThrottleStoreErrors: Counter<'step'>;
  webSocketSlotStoreErrors: Counter<'step'>;
}

export function routerMetrics(): RouterMetrics {
  const { registry, grpcCalls } = serviceMetrics();
  return {
    registry,
    grpcCalls,
    operationDurations: operationDurationHistogram(registry, 'ledgerline_router_operation_duration_seconds'),
    restRequestDurations: new Histogram({
      name: 'ledgerline_router_rest_request_duration_seconds',
      help: 'REST compatibility requests, by method, route template (unmatched when no route matched) and HTTP status.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    subgraphRequestDurations: new Histogram({
      name: 'ledgerline_router_subgraph_request_duration_seconds',
      help: 'Calls to a subgraph, by subgraph and outcome: ok, error (the answer carried GraphQL errors), unavailable or timeout.',
      labelNames: ['subgraph', 'outcome'],
      registers: [registry],
    }),
    tokenLivenessLookups: new Counter({
      name: 'ledgerline_router_token_liveness_lookups_total',
      help: "Signed-in requests' token checks at the edge, by result: hit (a recent answer of the User service was used) or miss (it was asked).",
      labelNames: ['result'],
      registers: [registry],
    }),
    groupEventResolutions: new Counter({
      name: 'ledgerline_router_group_event_resolutions_total',
      help: 'Reads of savings-group events through the gateway: one per page of events per distinct selection (scope=shared), per viewer (scope=viewer), or per resuming subscriber (scope=catch_up).',
      labelNames: ['scope'],
      registers: [registry],
    }),
    groupEventDeliveries: new Counter({
      name: 'ledgerline_router_group_event_deliveries_total',
      help: 'Savings-group events queued for a subscriber.',
      labelNames: ['route'],
      registers: [registry],
    }),
    groupEventDeliveryLag: new Histogram({
      name: 'ledgerline_router_group_event_delivery_lag_seconds',
      help: "Time from a savings-group event's commit in Finance until this router has queued it for every subscriber here.",
      // 2 s is the lag alert's threshold (observability/prometheus/alerts.yml): a bucket of its own keeps its p99 exact.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
    webSocketConnections: new Gauge({
      name: 'ledgerline_router_websocket_connections',
      help: 'Open WebSockets, by route.',
      labelNames: ['route'],
      registers: [registry],
    }),
    subscriptions: new Gauge({
      name: 'ledgerline_router_group_subscriptions',
      help: 'Live savings-group subscriptions, by route.',
      labelNames: ['route'],
      registers: [registry],
    }),
    webSocketCloses: new Counter({
      name: 'ledgerline_router_websocket_closes_total',
      help: 'WebSockets the router closed, by reason (slow_consumer, too_many_connections, init_timeout, unauthorized, ...).',
      labelNames: ['reason'],
      registers: [registry],
    }),
    responseCacheLookups: new Counter({
      name: 'ledgerline_router_response_cache_lookups_total',
      help: 'Cacheable queries (a caller reading their own profile or summaries), by result: hit, miss, or unavailable (the cache store could not be trusted, so the query went straight through).',
      labelNames: ['result'],
      registers: [registry],
    }),
    responseCacheInvalidations: new Counter({
      name: 'ledgerline_router_response_cache_invalidations_total',
      help: "New generations started by writes, by kind of data (profile, summary), and 'everyone' after an invalidation was lost to an outage.",
      labelNames: ['kind'],
      registers: [registry],
    }),
    cacheStoreErrors: new Counter({
      name: 'ledgerline_router_cache_store_errors_total',
      help: 'Failed calls to the cache store (Redis), by operation; each one let its request go straight through.',
      labelNames: ['operation'],
      registers: [registry],
    }),
    persistedQueries: new Counter({
      name: 'ledgerline_router_persisted_queries_total',
      help: 'Automatic persisted queries, by result: hit (sent as a hash and known) or registered (sent with its text and remembered).',
      labelNames: ['result'],
      registers: [registry],
    }),
    subgraphCallFailures: new Counter({
      name: 'ledgerline_router_subgraph_call_failures_total',
      help: 'Calls to a subgraph that got no answer, by subgraph and failure (SUBGRAPH_UNAVAILABLE, SUBGRAPH_TIMEOUT); each left an error on the fields it would have filled.',
      labelNames: ['subgraph', 'failure'],
      registers: [registry],
    }),
    loginThrottleRefusals: new Counter({
      name: 'ledgerline_router_login_throttle_refusals_total',
      help: 'Logins refused with 429 before they reached the User service, by the limit that refused them (address, account).',
      labelNames: ['limit'],
      registers: [registry],
    }),
    loginThrottleStoreErrors: new Counter({
      name: 'ledgerline_router_login_throttle_store_errors_total',
      help: 'Login throttle steps the store (Redis) failed, by step (admit, failed, succeeded); each let its login through unthrottled.',
      labelNames: ['step'],
      registers: [registry],
    }),
    webSocketSlotStoreErrors: new Counter({
      name: 'ledgerline_router_websocket_slot_store_errors_total',
      help: 'Steps of the WebSocket connection limits the store (Redis) failed, by step (take, release, renew); a failed take let its socket in.',
      labelNames: ['step'],
      registers: [registry],
    }),
  };
}
