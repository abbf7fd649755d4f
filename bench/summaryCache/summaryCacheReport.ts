// The benchmark's answer: a table of every measured run, the cached ÷ uncached throughput ratio,
// what the cache header says about each router, and the same as JSON under bench/results/.
import type { Machine } from '../support/machine.js';
import { textTable } from '../support/textTable.js';
import type { SummaryCacheOptions } from './summaryCacheOptions.js';
import type { LoadResult } from './summaryLoad.js';

export type RouterUnderTest = 'uncached' | 'cached';

export interface MeasuredRun extends LoadResult {
  round: number;
  router: RouterUnderTest;
}

export interface SummaryCacheReport {
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  target: { routers: Record<RouterUnderTest, string>; database: string; responseCache: string };
  options: Omit<SummaryCacheOptions, 'stack'>;
  query: string;
  /** Cached ÷ uncached requests per second in each round (null where the uncached router served none). */
  ratioPerRound: (number | null)[];
  /** The median of ratioPerRound. */
  throughputRatio: number | null;
  runs: MeasuredRun[];
}

const CACHE_HEADER_VALUES = ['hit', 'miss', 'bypass', 'none'];
const milliseconds = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(1));
const failureCount = (run: MeasuredRun) => Object.values(run.failures).reduce((sum, count) => sum + count, 0);

export function table(runs: MeasuredRun[]): string {
  const header = ['round', 'router', 'ok', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'failures', ...CACHE_HEADER_VALUES, 'load'];
  const rows = runs.map((run) => [
    String(run.round),
    run.router,
    String(run.succeeded),
    run.requestsPerSecond.toFixed(1),
    milliseconds(run.latencyMs?.p50),
    milliseconds(run.latencyMs?.p95),
    milliseconds(run.latencyMs?.p99),
    milliseconds(run.latencyMs?.max),
    String(failureCount(run)),
    ...CACHE_HEADER_VALUES.map((value) => String(run.cacheHeaders[value] ?? 0)),
    Math.max(run.loadAverage.atStart, run.loadAverage.atEnd).toFixed(1),
  ]);
  return textTable([header, ...rows]);
}

export function ratioPerRound(runs: MeasuredRun[]): (number | null)[] {
  const rounds = [...new Set(runs.map((run) => run.round))];
  return rounds.map((round) => {
    const of = (router: RouterUnderTest) => runs.find((run) => run.round === round && run.router === router)?.requestsPerSecond ?? 0;
    return of('uncached') === 0 ? null : Math.round((of('cached') / of('uncached')) * 100) / 100;
  });
}

export function median(values: (number | null)[]): number | null {
  const sorted = values.filter((value) => value !== null).toSorted((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = sorted.length / 2;
  const value = Number.isInteger(middle) ? ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2 : (sorted[Math.floor(middle)] ?? 0);
  return Math.round(value * 100) / 100;
}

/** What the cache header says against what each router was started with: a surprise is worth a line under the table. */
export function cacheHeaderNotes(runs: MeasuredRun[]): string[] {
  const seen = (router: RouterUnderTest, value: string) =>
    runs.filter((run) => run.router === router).reduce((sum, run) => sum + (run.cacheHeaders[value] ?? 0), 0);
  const notes: string[] = [];
  if (seen('cached', 'hit') === 0)
    notes.push('the cached router answered no request from its cache (no "hit" header): is the response cache in place?');
  if (seen('uncached', 'hit') > 0)
    notes.push('the uncached router answered from a cache ("hit"), though started with RESPONSE_CACHE_ENABLED=false');
  // The uncached router has no response cache, so it says nothing about one.
  const unheaded = seen('cached', 'none');
  if (unheaded > 0)
    notes.push(`the cached router sent ${unheaded} answers without an x-ledgerline-cache header, which it sets outside production`);
  return notes;
}
