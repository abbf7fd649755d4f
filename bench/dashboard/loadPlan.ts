// What the benchmark tells its load generator (a child process, so its CPU is its own) and what
// the load generator answers: plain JSON over the IPC channel.
import type { LatencySummary } from '../support/latencySummary.js';
import type { BenchLedger } from '../summaryCache/benchLedgers.js';

export const TARGET_NAMES = [
  'user subgraph',
  'finance subgraph',
  'direct, one after the other',
  'router',
  'hive gateway',
  'REST GET /income/{id}',
  'GraphQL RestIncomes',
  'summary, uncached router',
  'summary, cached router',
] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export type LoadMode = 'throughput' | 'latency';

/** Everything the targets need, sent once. */
export interface LoadSetup {
  origins: { router: string; cachedRouter: string; hive: string };
  subgraphUrls: { user: string; finance: string };
  /** For the direct calls: to read the caller from a user token and sign the router assertion, as the router does. */
  secrets: { jwt: string; routerSigning: string };
  ledgers: BenchLedger[];
  /** Incomes per user, and as many expenses. */
  records: number;
}

export interface LoadRun {
  target: TargetName;
  mode: LoadMode;
  /** Throughput: requests in flight at all times, each sent when the last on its connection is answered. */
  connections: number;
  /** Latency: requests sent on a fixed schedule, whatever the answers do. */
  ratePerSecond: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface LoadResult {
  /** Correct answers counted (throughput: that arrived in the window; latency: to requests due in it). */
  succeeded: number;
  /** Correct answers that arrived in the window, a second: at a fixed rate, below the rate when the target fell behind. */
  requestsPerSecond: number;
  /** Of the correct answers; at a fixed rate, from the time the request was due, so a stall is not hidden. */
  latencyMs: LatencySummary | null;
  failures: Record<string, number>;
}

export type ToLoadGenerator = { kind: 'setup'; setup: LoadSetup } | { kind: 'run'; run: LoadRun };
export type FromLoadGenerator = { kind: 'ready' } | { kind: 'window'; edge: 'start' | 'end' } | { kind: 'result'; result: LoadResult };
