// GET /metrics on a port of its own (METRICS_PORT and the like), which no ingress routes: the
// public port never shows what the service counts. Anything else is 404.
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export function metricsServer(registry: Registry): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: this port serves GET /metrics only\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) =>
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`metrics unavailable: ${String(error)}\n`),
    );
  });
}

/** Stops a metrics server, dropping a scraper's kept-alive connection rather than waiting for it. */
export function closeMetricsServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
