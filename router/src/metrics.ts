// The router's Prometheus metrics, served at GET /metrics: what its WebSockets and live group
// events cost. One registry per router (not prom-client's global one), so two routers in one
// process (the tests) count apart.
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

export type WebSocketRouteName = 'graphql' | 'group_updates';
/** How a group event was read: once for every subscriber sharing a selection, once for one viewer, or to catch one subscriber up. */
export type ResolutionScope = 'shared' | 'viewer' | 'catch_up';

export interface RouterMetrics {
  registry: Registry;
  groupEventResolutions: Counter<'scope'>;
  groupEventDeliveries: Counter<'route'>;
  webSocketConnections: Gauge<'route'>;
  subscriptions: Gauge<'route'>;
  webSocketCloses: Counter<'reason'>;
}

export function routerMetrics(): RouterMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
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
  };
}
