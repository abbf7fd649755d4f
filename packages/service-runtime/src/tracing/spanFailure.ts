import { SpanStatusCode, type Span } from '@opentelemetry/api';

/** Marks the span failed, with the error as its exception event. */
export function recordFailure(span: Span, error: unknown): void {
  const failure = error instanceof Error ? error : new Error(typeof error === 'string' ? error : 'failed');
  span.recordException(failure);
  span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
}
