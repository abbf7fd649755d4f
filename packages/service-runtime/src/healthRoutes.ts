import type { Express } from 'express';
import type { Logger } from 'pino';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface Readiness {
  /** What this process cannot serve without: one failing answers 503. */
  required: ReadinessCheck[];
  /** What it serves around when it fails (the router answers partly without a subgraph): reported, never 503. */
  reported?: ReadinessCheck[];
}

/**
 * /healthz answers while the process serves at all (liveness); /readyz only when what it needs
 * answers too (readiness), so a load balancer stops sending it traffic, and no sooner: a replica
 * taken out for a dependency it can serve around only moves the load onto the others.
 */
export function mountHealthRoutes(app: Express, readiness: Readiness, log: Logger): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const [failures, reported] = await Promise.all([failuresOf(readiness.required), failuresOf(readiness.reported ?? [])]);
    const dependencies = readiness.reported === undefined ? {} : { dependencies: dependencyStates(readiness.reported, reported) };
    if (Object.keys(failures).length === 0) {
      res.json({ status: 'ready', ...dependencies });
      return;
    }
    log.warn({ failures }, 'not ready');
    res.status(503).json({ status: 'not ready', failures, ...dependencies });
  });
}

async function failuresOf(checks: ReadinessCheck[]): Promise<Record<string, string>> {
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
  return failures;
}

function dependencyStates(checks: ReadinessCheck[], failures: Record<string, string>): Record<string, string> {
  return Object.fromEntries(checks.map(({ name }) => [name, failures[name] ?? 'ok']));
}
