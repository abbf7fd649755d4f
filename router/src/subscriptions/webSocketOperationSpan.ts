// A SERVER span for each operation a client starts over the router's WebSocket, continuing the
// client's trace: from the subscribe message's `extensions.traceparent` (what a browser can send),
// else the upgrade request's traceparent header.
import type { IncomingHttpHeaders } from 'node:http';
import { SpanKind, type Context } from '@opentelemetry/api';
import { contextOfTraceParent, extractTraceContext, tracedWork } from '@ledgerline/service-runtime';

export interface WebSocketOperation {
  /** The WebSocket route's template, e.g. /graphql. */
  route: string;
  type: 'query' | 'mutation' | 'subscription';
  name: string | undefined;
  /** Where the client may have put its trace context. */
  extensions: Record<string, unknown> | null | undefined;
  upgradeHeaders: IncomingHttpHeaders;
}

function parentOf(operation: WebSocketOperation): Context {
  const traceParent = operation.extensions?.['traceparent'];
  return typeof traceParent === 'string' ? contextOfTraceParent(traceParent) : extractTraceContext(operation.upgradeHeaders);
}

export function inWebSocketOperationSpan<Result>(operation: WebSocketOperation, work: () => Promise<Result>): Promise<Result> {
  const name = operation.name === undefined ? operation.type : `${operation.type} ${operation.name}`;
  const attributes = {
    'network.protocol.name': 'websocket',
    'http.route': operation.route,
    'graphql.operation.type': operation.type,
    ...(operation.name === undefined ? {} : { 'graphql.operation.name': operation.name }),
  };
  return tracedWork(name, { kind: SpanKind.SERVER, attributes }, work, parentOf(operation));
}
