// Spans for our unary gRPC calls, on both sides, with the trace context in the call's metadata
// (`traceparent`, as gRPC's OpenTelemetry guidance carries it). Streams are left out: a stream
// lives as long as its peer, and what travels on it carries its own trace (the group events).
import { InterceptingCall, Metadata, status as grpcStatus, type Interceptor, type StatusObject } from '@grpc/grpc-js';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { grpcMethodOf, grpcStatusName } from '../grpcCallNames.js';
import { ledgerlineTracer, tracingEnabled } from './tracingState.js';

const metadataSetter = { set: (metadata: Metadata, key: string, value: string) => metadata.set(key, value) };
const metadataGetter = {
  get: (metadata: Metadata, key: string) => metadata.get(key).map(String),
  keys: (metadata: Metadata) => Object.keys(metadata.getMap()),
};

function startRpcSpan(path: string, kind: SpanKind, parent: Context): Span {
  const { service, method } = grpcMethodOf(path);
  return ledgerlineTracer().startSpan(
    `${service}/${method}`,
    { kind, attributes: { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': method } },
    parent,
  );
}

/** Records how the call ended: OK, or the status gRPC gave. */
export function endRpcSpan(span: Span, code: grpcStatus, details?: string): void {
  span.setAttribute('rpc.grpc.status_code', code);
  if (code !== grpcStatus.OK) span.setStatus({ code: SpanStatusCode.ERROR, message: details ?? grpcStatusName(code) });
  span.end();
}

/** The client side: a CLIENT span per unary call, its context sent in the metadata. */
export const tracedUnaryCalls: Interceptor = (options, nextCall) => {
  if (!tracingEnabled() || options.method_definition.responseStream || options.method_definition.requestStream)
    return new InterceptingCall(nextCall(options));
  const span = startRpcSpan(options.method_definition.path, SpanKind.CLIENT, context.active());
  const spanContext = trace.setSpan(context.active(), span);
  return new InterceptingCall(nextCall(options), {
    start(metadata, listener, next) {
      propagation.inject(spanContext, metadata, metadataSetter);
      next(metadata, {
        onReceiveStatus(status: StatusObject, nextStatus: (status: StatusObject) => void) {
          endRpcSpan(span, status.code, status.details);
          nextStatus(status);
        },
      });
    },
  });
};

/**
 * The serving side: a SERVER span continuing the caller's trace, and the context to run the
 * handler in; null when tracing is off.
 */
export function serverRpcSpan(path: string, metadata: Metadata): { span: Span; context: Context } | null {
  if (!tracingEnabled()) return null;
  const parent = propagation.extract(ROOT_CONTEXT, metadata, metadataGetter);
  const span = startRpcSpan(path, SpanKind.SERVER, parent);
  return { span, context: trace.setSpan(parent, span) };
}
