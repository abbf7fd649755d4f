// What both WebSocket routes (graphql-ws at /graphql, and /ws/group-savings/{id}/updates) are built with.
import type { ApolloServer } from '@apollo/server';
import type { Logger } from '@ledgerline/service-runtime';
import type { GraphQLSchema } from 'graphql';
import type { RouterContext } from '../context.js';
import type { RouterMetrics } from '../metrics.js';
import type { TokenLiveness } from '../tokenLiveness.js';
import type { GroupEventFanOut } from './groupEventFanOut.js';
import type { SubscriptionPlans } from './subscriptionPlans.js';
import type { WebSocketRoute } from './webSocketUpgrades.js';
import type { WebSocketSessions } from './webSocketSessions.js';

export interface WebSocketRouteSettings {
  apollo: ApolloServer<RouterContext>;
  /** The client-facing schema, against which operations are validated. */
  schema: GraphQLSchema;
  plans: SubscriptionPlans;
  fanOut: GroupEventFanOut;
  sessions: WebSocketSessions;
  /** The edge check HTTP requests pass (tokenLiveness.ts), which each operation sent on a socket passes too. */
  liveness: TokenLiveness;
  jwtSecret: string;
  /** How many proxies' X-Forwarded-For entries to believe for a socket's client address. */
  trustProxyHops: number;
  /** How often a socket is pinged; one that has not answered by the next ping is closed. */
  keepAliveMs: number;
  /** How long a new socket may take to speak first (connection_init, or the raw route's token) before it is closed with 4408. */
  initTimeoutMs: number;
  maxMessageBytes: number;
  metrics: RouterMetrics;
  log: Logger;
}

export interface WebSocketRouteServer {
  route: WebSocketRoute;
  /** Closes the route's sockets still open with 1001 and stops accepting. */
  dispose(): Promise<void>;
}
