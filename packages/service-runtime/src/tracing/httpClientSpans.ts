// A CLIENT span around each call the router makes to a subgraph, its context sent on in the
// call's traceparent header, so the subgraph's spans join the router's trace.
import type { IncomingHttpHeaders } from 'node:http';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { injectTraceContext } from './traceContext.js';
import { recordFailure } from './spanFailure.js';
import { ledgerlineTracer, tracingEnabled } from './tracingState.js';

interface HttpCall {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** Calls `send` with the call's headers carrying its trace context, inside a span that ends with the answer. */
export async function withClientSpan<Answer extends { status: number }>(
  call: HttpCall,
  send: (headers: Record<string, string>) => Promise<Answer>,
): Promise<Answer> {
  if (!tracingEnabled()) return send(call.headers);
  const url = new URL(call.url);
  const span = ledgerlineTracer().startSpan(call.method, {
    kind: SpanKind.CLIENT,
    attributes: {
      'http.request.method': call.method,
      'url.full': url.href,
      'server.address': url.hostname,
      'server.port': Number(url.port || 80),
    },
  });
  const headers: IncomingHttpHeaders & Record<string, string> = { ...call.headers };
  return context.with(trace.setSpan(context.active(), span), async () => {
    injectTraceContext(headers);
    try {
      const answer = await send(headers);
      span.setAttribute('http.response.status_code', answer.status);
      if (answer.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      return answer;
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
