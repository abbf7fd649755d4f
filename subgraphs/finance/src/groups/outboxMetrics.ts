// The outbox as Prometheus sees it: how many committed group events wait to be published and how
// long the oldest has waited, read from the table at each scrape, and how many the relay published.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { FinanceDatabase } from '../db.js';

export interface OutboxMetrics {
  published: Counter;
}

export function outboxMetrics(registry: Registry, db: FinanceDatabase): OutboxMetrics {
  // Both gauges come from one query per scrape, whichever is collected first.
  let reading: Promise<{ backlog: number; oldestAgeSeconds: number }> | null = null;
  const readBacklog = () => {
    reading ??= unpublishedEvents(db).finally(() => {
      reading = null;
    });
    return reading;
  };
  new Gauge({
    name: 'ledgerline_finance_outbox_backlog_events',
    help: 'Savings-group events committed but not yet published to the routers.',
    registers: [registry],
    async collect() {
      this.set((await readBacklog()).backlog);
    },
  });
  new Gauge({
    name: 'ledgerline_finance_outbox_oldest_unpublished_age_seconds',
    help: 'How long the oldest unpublished savings-group event has waited; 0 when none waits.',
    registers: [registry],
    async collect() {
      this.set((await readBacklog()).oldestAgeSeconds);
    },
  });
  return {
    published: new Counter({
      name: 'ledgerline_finance_outbox_published_total',
      help: 'Savings-group events the outbox relay published (a repeat after a crash counts again).',
      registers: [registry],
    }),
  };
}

async function unpublishedEvents(db: FinanceDatabase): Promise<{ backlog: number; oldestAgeSeconds: number }> {
  const { _count, _min } = await db.groupEvent.aggregate({
    where: { publishedAt: null },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  const oldest = _min.createdAt;
  return { backlog: _count._all, oldestAgeSeconds: oldest === null ? 0 : Math.max(0, (Date.now() - oldest.getTime()) / 1000) };
}
