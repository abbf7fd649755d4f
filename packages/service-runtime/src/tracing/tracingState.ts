// Whether this process records spans. Kept apart from tracing.ts, which loads the SDK, so what
// only asks (the logger, the instrumentation) loads the small OpenTelemetry API alone.
import { trace, type Tracer } from '@opentelemetry/api';

let recording = false;

/** Instrumentation that costs something asks first, and installs nothing when tracing is off. */
export const tracingEnabled = (): boolean => recording;

export function markTracingStarted(): void {
  recording = true;
}

/** The tracer Ledgerline's own spans come from (the gateway's come from its own). */
export const ledgerlineTracer = (): Tracer => trace.getTracer('ledgerline');
