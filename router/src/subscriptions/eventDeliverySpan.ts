// The span of one router's delivery of a savings-group event, in the trace of the contribution
// that committed it (its traceparent travels in the outbox row and the notice): the reads it
// makes through the gateway, and the subgraph calls under them, join that trace too.
import { context, SpanKind, trace } from '@opentelemetry/api';
import { contextOfTraceParent, ledgerlineTracer, tracingEnabled } from '@ledgerline/service-runtime';

export interface EventDelivery {
  /** Runs the delivery's work inside the span. */
  during<Result>(work: () => Promise<Result>): Promise<Result>;
  end(): void;
}

const untraced: EventDelivery = { during: (work) => work(), end: () => {} };

export function eventDelivery(groupId: number, sequence: number, traceParent: string | null): EventDelivery {
  if (!tracingEnabled() || traceParent === null) return untraced;
  const parent = contextOfTraceParent(traceParent);
  const span = ledgerlineTracer().startSpan(
    'deliver savings-group event',
    {
      kind: SpanKind.CONSUMER,
      attributes: { 'messaging.operation.type': 'process', 'ledgerline.group.id': groupId, 'ledgerline.group_event.sequence': sequence },
    },
    parent,
  );
  const active = trace.setSpan(parent, span);
  return {
    during: (work) => context.with(active, work),
    end: () => span.end(),
  };
}
