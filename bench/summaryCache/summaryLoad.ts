// A closed loop against one router: `concurrency` virtual clients, each reading the summary of a
// user picked at random and sending the next request as soon as the last is answered. Only answers
// that arrive inside the measured window count; the warm-up's are thrown away.
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { summarize, type LatencySummary } from '../support/latencySummary.js';
import type { BenchLedger } from './benchLedgers.js';
import { askForSummary, type SummaryOutcome } from './summaryRequest.js';

export interface LoadSettings {
  routerOrigin: string;
  ledgers: BenchLedger[];
  concurrency: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface LoadResult {
  /** Correct summaries answered in the measured window. */
  succeeded: number;
  /** succeeded / the window's length: failures are never throughput. */
  requestsPerSecond: number;
  /** Of the successes, from sending the request to the end of the answer. */
  latencyMs: LatencySummary | null;
  /** Each kind of failure in the window with its count. */
  failures: Record<string, number>;
  /** The x-ledgerline-cache values of the window's answers ('none': no header). */
  cacheHeaders: Record<string, number>;
  /** The machine's 1-minute load average as the load began and ended. */
  loadAverage: { atStart: number; atEnd: number };
}

const countInto = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

export async function runSummaryLoad(settings: LoadSettings): Promise<LoadResult> {
  const { ledgers, concurrency } = settings;
  // One socket per virtual client, kept open: the client should cost the shared CPUs as little as it can.
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const graphqlUrl = new URL('/graphql', settings.routerOrigin);
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const cacheHeaders: Record<string, number> = {};
  const record = (outcome: SummaryOutcome, latencyMs: number) => {
    if (outcome.cacheHeader !== null) countInto(cacheHeaders, outcome.cacheHeader);
    if (outcome.failure === null) latencies.push(Math.round(latencyMs * 100) / 100);
    else countInto(failures, outcome.failure);
  };

  const atStart = loadavg()[0] ?? 0;
  const measuredFrom = performance.now() + settings.warmupSeconds * 1_000;
  const measuredUntil = measuredFrom + settings.durationSeconds * 1_000;
  const virtualClient = async () => {
    while (performance.now() < measuredUntil) {
      const ledger = ledgers[Math.floor(Math.random() * ledgers.length)] as BenchLedger;
      const sentAt = performance.now();
      const outcome = await askForSummary(agent, graphqlUrl, ledger);
      const answeredAt = performance.now();
      if (answeredAt >= measuredFrom && answeredAt < measuredUntil) record(outcome, answeredAt - sentAt);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, virtualClient));
  } finally {
    agent.destroy();
  }
  return {
    succeeded: latencies.length,
    requestsPerSecond: Math.round((latencies.length / settings.durationSeconds) * 10) / 10,
    latencyMs: summarize(latencies),
    failures,
    cacheHeaders,
    loadAverage: { atStart, atEnd: loadavg()[0] ?? 0 },
  };
}
