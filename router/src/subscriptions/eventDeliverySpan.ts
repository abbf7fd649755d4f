// The span of one router's delivery of a savings-group event, in the trace of the contribution
// that committed it (its traceparent travels in the outbox row and the notice): the reads it
// makes through the gateway, and the subgraph calls under them, join that trace too.
import { SpanKind } from '@opentelemetry/api';
import { contextOfTraceParent, tracedWork } from '@ledgerline/service-runtime';

export function deliverEvent<Result>(
  event: { groupId: number; sequence: number; traceParent: string | null },
  work: () => Promise<Result>,
): Promise<Result> {
  if (event.traceParent === null) return work();
  const attributes = {
    'messaging.operation.type': 'process',
    'ledgerline.group.id': event.groupId,
    'ledgerline.group_event.sequence': event.sequence,
  };
  return tracedWork('deliver savings-group event', { kind: SpanKind.CONSUMER, attributes }, work, contextOfTraceParent(event.traceParent));
}
