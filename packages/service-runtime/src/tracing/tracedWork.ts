// Work of our own in a span of its own, for the hops no library traces for us: a WebSocket
// operation, a savings-group event's delivery. Nothing is made when tracing is off.
import { context, trace, type Context, type SpanOptions } from '@opentelemetry/api';
import { recordFailure } from './spanFailure.js';
import { ledgerlineTracer, tracingEnabled } from './tracingState.js';

/** Runs `work` in a span under `parent` (the active context when omitted), ended when the work settles. */
export async function tracedWork<Result>(
  name: string,
  options: SpanOptions,
  work: () => Promise<Result>,
  parent: Context = context.active(),
): Promise<Result> {
  if (!tracingEnabled()) return work();
  const span = ledgerlineTracer().startSpan(name, options, parent);
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    span.end();
  }
}
