import type { Express } from 'express';
import type { Logger } from 'pino';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

/**
 * /healthz answers while the process serves at all (liveness); /readyz only when every
 * dependency it needs answers too (readiness), so a load balancer stops sending it traffic.
 */
export function mountHealthRoutes(app: Express, checks: ReadinessCheck[], log: Logger): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const failures: Record<string, string> = {};
    await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await check();
        } catch (error) {
          failures[name] = error instanceof Error ? error.message : String(error);
        }
      }),
    );
    if (Object.keys(failures).length === 0) {
      res.json({ status: 'ready' });
      return;
    }
    log.warn({ failures }, 'not ready');
    res.status(503).json({ status: 'not ready', failures });
  });
}
