// The benchmark's answer: a table for the terminal and the same results as JSON under bench/results/.
import type { Machine } from '../support/machine.js';
import { textTable } from '../support/textTable.js';
import type { BenchOptions } from './benchOptions.js';
import type { BenchTarget } from './benchTarget.js';
import type { RoundResult } from './fanOutRound.js';

/** The aim: every subscriber has an event within this long of its commit, at the 99th percentile. */
export const LATENCY_BUDGET_MS = 250;

export interface FanOutReport {
  startedAt: string;
  finishedAt: string;
  machine: Machine & { openFilesLimit: number | null };
  target: BenchTarget['description'] & { memoryReadFrom: string };
  options: Omit<BenchOptions, 'stack' | 'runningRouter'>;
  latencyBudgetMs: number;
  /** The most subscribers for which every event arrived, with p99 under the budget; null if no round managed it. */
  mostSubscribersWithinBudget: number | null;
  rounds: RoundResult[];
}

export const withinBudget = (round: RoundResult): boolean =>
  round.delivered === round.expected && round.latencyMs !== null && round.latencyMs.p99 < LATENCY_BUDGET_MS;

export function mostSubscribersWithinBudget(rounds: RoundResult[]): number | null {
  const counts = rounds.filter(withinBudget).map((round) => round.subscribers);
  return counts.length === 0 ? null : Math.max(...counts);
}

const megabytes = (bytes: number | null) => (bytes === null ? '-' : (bytes / 1024 / 1024).toFixed(1));
const kilobytes = (bytes: number | null) => (bytes === null ? '-' : (bytes / 1024).toFixed(1));
const milliseconds = (value: number | undefined) => (value === undefined ? '-' : String(Math.round(value)));

export function table(rounds: RoundResult[]): string {
  const header = ['route', 'subs', 'connected', 'live', 'delivered/expected', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];
  const memoryHeader = ['RSS before MB', 'RSS subscribed MB', 'RSS peak MB', 'KiB/sub', 'router CPU s', 'load', `p99<${LATENCY_BUDGET_MS}`];
  const rows = rounds.map((round) => [
    round.route,
    String(round.subscribers),
    String(round.connected),
    String(round.live),
    `${round.delivered}/${round.expected}`,
    milliseconds(round.latencyMs?.p50),
    milliseconds(round.latencyMs?.p95),
    milliseconds(round.latencyMs?.p99),
    milliseconds(round.latencyMs?.max),
    megabytes(round.routerRssBytes.before),
    megabytes(round.routerRssBytes.subscribed),
    megabytes(round.routerRssBytes.peak),
    kilobytes(round.bytesPerSubscriber),
    round.routerCpuSeconds === null ? '-' : round.routerCpuSeconds.toFixed(1),
    Math.max(round.loadAverage.atStart, round.loadAverage.atEnd).toFixed(1),
    withinBudget(round) ? 'yes' : 'no',
  ]);
  return textTable([[...header, ...memoryHeader], ...rows]);
}
