// Times every request that reaches the REST routes, labelled by the route's template (never the
// raw path, which carries ids) or "unmatched" when no route took it.
import type { RequestHandler } from 'express';
import { routeTemplateOf } from '@ledgerline/service-runtime';
import type { RouterMetrics } from '../metrics.js';

export function restRequestTiming(metrics: Pick<RouterMetrics, 'restRequestDurations'>): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once('finish', () => {
      const labels = { method: req.method, route: routeTemplateOf(req) ?? 'unmatched', status: String(res.statusCode) };
      metrics.restRequestDurations.observe(labels, (performance.now() - started) / 1000);
    });
    next();
  };
}
