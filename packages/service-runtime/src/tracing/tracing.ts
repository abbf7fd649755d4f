// Starts OpenTelemetry tracing for this process when a collector is configured: W3C trace context
// in and out, spans batched to OTLP/HTTP (JSON), and the active span kept across awaits
// (AsyncLocalStorage). Off, the SDK is not even loaded, the OpenTelemetry API stays a no-op and
// the instrumentation here installs nothing.
import { markTracingStarted } from './tracingState.js';
import type { TracingSettings } from './tracingConfig.js';

export interface Tracing {
  /** Sends the spans still waiting; called on the way out. */
  shutdown(): Promise<void>;
}

/** `service` is the name spans are filed under, e.g. "ledgerline-router". Call it before anything else is built. */
export async function startTracing(service: string, settings: TracingSettings | null): Promise<Tracing> {
  if (settings === null) return { shutdown: () => Promise.resolve() };
  const [{ OTLPTraceExporter }, { resourceFromAttributes }, sdk, { ATTR_SERVICE_NAME }] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/semantic-conventions'),
  ]);
  const provider = new sdk.NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    sampler: new sdk.ParentBasedSampler({ root: new sdk.TraceIdRatioBasedSampler(settings.sampleRatio) }),
    spanProcessors: [
      new sdk.BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }), { scheduledDelayMillis: settings.exportDelayMs }),
    ],
  });
  // Also installs the AsyncLocalStorage context manager and the W3C trace context propagator.
  provider.register();
  markTracingStarted();
  return { shutdown: () => provider.shutdown() };
}
