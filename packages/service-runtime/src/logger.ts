import { context, trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';
import { tracingEnabled } from './tracing/tracingState.js';

export type { Logger };

/** Lines wait for this many bytes, or for the next flush, and then leave in one write. */
const BUFFERED_BYTES = 8_192;
/** How long a line may wait in the buffer when the process is quiet. */
const FLUSH_EVERY_MS = 200;

function bufferedStdout(): DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: BUFFERED_BYTES });
  setInterval(() => destination.flush(), FLUSH_EVERY_MS).unref();
  return destination;
}

/** The active span's ids, under the names OpenTelemetry's log data model gives them, so a log line leads to its trace. */
function traceIdsOfActiveSpan(): Record<string, string> {
  const span = trace.getSpan(context.active());
  if (span === undefined) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  return { trace_id: traceId, span_id: spanId, trace_flags: `0${traceFlags.toString(16)}`.slice(-2) };
}

/**
 * One JSON line per event, tagged with the service name so interleaved logs stay readable, and
 * with the trace and span ids when the process is traced (start tracing first). Lines
 * are buffered and written asynchronously: under load, the lines of many requests leave in one
 * write instead of a blocking write each; pino flushes what is left when the process exits.
 */
export function createLogger(service: string, level: string, destination: DestinationStream = bufferedStdout()): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: ['req.headers.authorization', '*.password', '*.token'], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...(tracingEnabled() ? { mixin: traceIdsOfActiveSpan } : {}),
    },
    destination,
  );
}
