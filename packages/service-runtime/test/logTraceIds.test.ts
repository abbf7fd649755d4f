// A log line written while a request is traced names its trace and span, so an operator goes from
// the line to the trace; with tracing off, lines carry no such fields.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { startTracing } from '../src/tracing/tracing.js';
import { ledgerlineTracer } from '../src/tracing/tracingState.js';

function linesOf() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, sink };
}

describe('log lines and traces', () => {
  it('carry no trace fields while tracing is off', () => {
    const { lines, sink } = linesOf();
    createLogger('test', 'info', sink).info('untraced');
    expect(lines[0]).not.toHaveProperty('trace_id');
  });

  it('carry the trace and span ids of the span they were written in', async () => {
    // Nothing listens there, and the span waits a minute to be sent: this test only reads the logs.
    await startTracing('test', { tracesUrl: 'http://127.0.0.1:9/v1/traces', sampleRatio: 1, exportDelayMs: 60_000 });
    const { lines, sink } = linesOf();
    const log = createLogger('test', 'info', sink);
    const ids = ledgerlineTracer().startActiveSpan('request', (span) => {
      log.info('inside');
      span.end();
      return span.spanContext();
    });
    log.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside', trace_id: ids.traceId, span_id: ids.spanId, trace_flags: '01' });
    expect(lines[1]).not.toHaveProperty('trace_id');
  });
});
