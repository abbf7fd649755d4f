// A SERVER span for every HTTP request a service answers, continuing the caller's trace
// (W3C traceparent) and named by the route that answered it (`GET /api/incomes/:id`), not the raw path.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { routeTemplateOf } from '../routeTemplate.js';
import { extractTraceContext } from './traceContext.js';
import { ledgerlineTracer, tracingEnabled } from './tracingState.js';

/** `listener`, with each request in a span of its own; `listener` itself when tracing is off. */
export function withServerSpans(listener: RequestListener): RequestListener {
  if (!tracingEnabled()) return listener;
  const tracer = ledgerlineTracer();
  return (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    const parent = extractTraceContext(request.headers);
    const span = tracer.startSpan(
      method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': method,
          'url.path': (request.url ?? '/').split('?')[0] ?? '/',
          'url.scheme': 'http',
          'network.peer.address': request.socket.remoteAddress ?? '',
        },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    // The body arrives in stream events, which would otherwise run outside the request's context.
    context.bind(active, request);
    context.bind(active, response);
    response.once('close', () => {
      const route = routeTemplateOf(request);
      if (route !== null) {
        span.updateName(`${method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', response.statusCode);
      if (!response.writableFinished)
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'the connection closed before the answer was sent' });
      else if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(active, () => listener(request, response));
  };
}
