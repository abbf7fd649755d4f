// The metrics each service must expose: the catalog the Grafana dashboard and the alert rules were
// built on (observability/), per service, and Node's process metrics that every service adds.
export const METRIC_CATALOG = {
  router: [
    'ledgerline_router_operation_duration_seconds',
    'ledgerline_router_rest_request_duration_seconds',
    'ledgerline_router_subgraph_request_duration_seconds',
    'ledgerline_router_group_event_delivery_lag_seconds',
    'ledgerline_router_websocket_connections',
    'ledgerline_router_group_subscriptions',
    'ledgerline_router_websocket_closes_total',
    'ledgerline_router_response_cache_lookups_total',
    'ledgerline_router_response_cache_invalidations_total',
    'ledgerline_router_cache_store_errors_total',
    'ledgerline_router_persisted_queries_total',
    'ledgerline_router_subgraph_call_failures_total',
    'ledgerline_router_login_throttle_refusals_total',
    'ledgerline_router_login_throttle_store_errors_total',
    'ledgerline_router_group_event_deliveries_total',
    'ledgerline_router_group_event_resolutions_total',
    'ledgerline_router_token_liveness_lookups_total',
    'ledgerline_grpc_client_call_duration_seconds',
  ],
  user: ['ledgerline_subgraph_operation_duration_seconds', 'ledgerline_grpc_server_call_duration_seconds'],
  finance: [
    'ledgerline_subgraph_operation_duration_seconds',
    'ledgerline_grpc_client_call_duration_seconds',
    'ledgerline_grpc_server_call_duration_seconds',
    'ledgerline_finance_outbox_backlog_events',
    'ledgerline_finance_outbox_oldest_unpublished_age_seconds',
    'ledgerline_finance_outbox_published_total',
  ],
} as const;

/** Node's process metrics, in every service's registry. */
export const PROCESS_METRICS = [
  'process_cpu_seconds_total',
  'process_resident_memory_bytes',
  'nodejs_eventloop_lag_seconds',
  'nodejs_heap_size_used_bytes',
];
