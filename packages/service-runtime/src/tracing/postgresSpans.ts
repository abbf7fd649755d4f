// A CLIENT span for every statement a pg pool sends for traced work (Prisma's, through its pg
// adapter, and our own hot reads alike), in the trace of the request that sent it. Statements are
// parameterized, so their text holds no values.
import { context, SpanKind, trace, type Attributes, type Span } from '@opentelemetry/api';
import type pg from 'pg';
import { recordFailure } from './spanFailure.js';
import { ledgerlineTracer, tracingEnabled } from './tracingState.js';

/** The longest statement text a span keeps. */
const MAX_QUERY_TEXT = 2_000;

type QueryArguments = unknown[];
type Callback = (error: Error | null, result?: unknown) => void;

/** The statement's first word: SELECT, INSERT, BEGIN ... */
function operationOf(text: string): string {
  return /^\s*(?:\/\*.*?\*\/\s*)?(\w+)/s.exec(text)?.[1]?.toUpperCase() ?? 'QUERY';
}

function textOf(query: unknown): string | undefined {
  if (typeof query === 'string') return query;
  if (typeof query === 'object' && query !== null && 'text' in query && typeof query.text === 'string') return query.text;
  return undefined;
}

function endSpan(span: Span, error: unknown): void {
  if (error) recordFailure(span, error);
  span.end();
}

function tracedQuery(client: pg.PoolClient, attributes: Attributes): void {
  const tracer = ledgerlineTracer();
  const send = client.query.bind(client) as (...args: QueryArguments) => unknown;
  const traced = (...args: QueryArguments): unknown => {
    const text = textOf(args[0]);
    // A Submittable (a cursor, a stream) manages its own life: let it through untraced. So does a
    // statement no traced work sent (a poll, a sweep): alone in a trace of its own, it is noise.
    if (text === undefined || trace.getSpan(context.active()) === undefined) return send(...args);
    const operation = operationOf(text);
    const span = tracer.startSpan(operation, {
      kind: SpanKind.CLIENT,
      attributes: { ...attributes, 'db.operation.name': operation, 'db.query.text': text.slice(0, MAX_QUERY_TEXT) },
    });
    const last = args.at(-1);
    if (typeof last === 'function') {
      const callback = last as Callback;
      args[args.length - 1] = (error: Error | null, result?: unknown) => {
        endSpan(span, error);
        callback(error, result);
      };
      return send(...args);
    }
    const answer = send(...args) as Promise<unknown>;
    answer.then(
      () => endSpan(span, null),
      (error: unknown) => endSpan(span, error),
    );
    return answer;
  };
  client.query = traced as pg.PoolClient['query'];
}

/** Traces every statement `pool` sends from now on; does nothing when tracing is off. */
export function traceStatements(pool: pg.Pool, schema: string): void {
  if (!tracingEnabled()) return;
  const server = pool.options.connectionString === undefined ? null : new URL(pool.options.connectionString);
  const attributes: Attributes = {
    'db.system.name': 'postgresql',
    // The database and the service's schema in it, as PostgreSQL's semantic conventions name them.
    'db.namespace': `${decodeURIComponent(server?.pathname.slice(1) ?? '')}|${schema}`,
    ...(server === null ? {} : { 'server.address': server.hostname, 'server.port': Number(server.port || 5432) }),
  };
  pool.on('connect', (client) => tracedQuery(client, attributes));
  // pg-pool answers a query with a callback once a connection is free, possibly while another
  // request is active: bind the callback to the context of the request that is waiting for it.
  const connect = pool.connect.bind(pool) as (callback?: Callback) => unknown;
  pool.connect = ((callback?: Callback) =>
    callback === undefined ? connect() : connect(context.bind(context.active(), callback))) as pg.Pool['connect'];
}
