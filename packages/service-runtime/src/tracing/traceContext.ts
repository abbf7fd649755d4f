// Trace context across our own hops: W3C traceparent in HTTP headers, gRPC metadata and the
// outbox rows that carry a change on to the routers' live delivery.
import { context, propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';

/** The active span's W3C traceparent, or null when nothing is being traced. */
export function activeTraceParent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'] ?? null;
}

/** The context a traceparent names (the root when there is none), for a span that continues it. */
export function contextOfTraceParent(traceParent: string | null | undefined): Context {
  if (!traceParent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent: traceParent });
}

/** Runs `work` in no trace: background work a request only woke up is not part of that request. */
export function outsideAnyTrace<Result>(work: () => Result): Result {
  return context.with(ROOT_CONTEXT, work);
}

/** Adds the active trace context to outgoing HTTP headers. */
export function injectTraceContext(headers: Record<string, string | string[] | undefined>): void {
  propagation.inject(context.active(), headers);
}

/** The trace context incoming headers carry. */
export function extractTraceContext(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}
