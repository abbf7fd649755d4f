// `npm run bench`'s answer: one markdown table of every target and run, the ratios the issue's
// targets are about, and the baseline beside today's figures.
import type { LatencySummary } from '../support/latencySummary.js';
import { machine, type Machine } from '../support/machine.js';
import type { RoundResult } from '../groupSavingsFanOut/fanOutRound.js';
import baseline from './baseline.json' with { type: 'json' };
import type { DashboardOptions } from './dashboardOptions.js';
import type { LoadMode, TargetName } from './loadPlan.js';
import type { MeasuredLoad } from './loadGeneratorProcess.js';

export interface MeasuredTarget extends MeasuredLoad {
  target: TargetName;
  mode: LoadMode;
}

/** What one run of the benchmark measured on the stack. */
export interface Measured {
  database: string;
  runs: MeasuredTarget[];
  fanOut: RoundResult | null;
}

export interface DashboardReport {
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  database: string;
  options: Omit<DashboardOptions, 'stack'>;
  runs: MeasuredTarget[];
  fanOut: RoundResult | null;
  npmStartSeconds: number | null;
  ratios: Ratio[];
  baseline: typeof baseline;
}

export interface Ratio {
  name: string;
  value: number | null;
  /** The target, as text ("≥ 1.2"). */
  target: string;
  met: boolean | null;
}

/** The processes (or groups) whose CPU time the table shows, in its order. */
const CPU_COLUMNS = ['router', 'hive gateway', 'cached router', 'user subgraph', 'finance subgraph', 'postgres', 'load generator'];

const fixed = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);
const errorCount = (run: MeasuredLoad) => Object.values(run.failures).reduce((sum, count) => sum + count, 0);

/** CPU milliseconds `group` spent per correct answer in the run's window. */
export function cpuMsPerRequest(run: MeasuredLoad, group: string): number | null {
  const seconds = run.cpuSeconds[group];
  return seconds === undefined || run.succeeded === 0 ? null : (seconds * 1_000) / run.succeeded;
}

const markdownTable = (header: string[], rows: string[][]) =>
  [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

export function runsTable(runs: MeasuredTarget[], cpuColumns: string[]): string {
  const latency = (summary: LatencySummary | null, key: 'p50' | 'p99') => fixed(summary?.[key]);
  return markdownTable(
    ['target', 'run', 'req/s', 'p50 ms', 'p99 ms', 'errors', ...cpuColumns.map((group) => `${group} CPU ms/req`)],
    runs.map((run) => [
      run.target,
      run.mode === 'throughput' ? 'fixed connections' : 'fixed rate',
      fixed(run.requestsPerSecond),
      latency(run.latencyMs, 'p50'),
      latency(run.latencyMs, 'p99'),
      String(errorCount(run)),
      ...cpuColumns.map((group) => fixed(cpuMsPerRequest(run, group), 2)),
    ]),
  );
}

const find = (runs: MeasuredTarget[], target: TargetName, mode: LoadMode) => runs.find((run) => run.target === target && run.mode === mode);
const quotient = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined || b === 0 ? null : Math.round((a / b) * 100) / 100;

function ratio(name: string, value: number | null, target: string, meets: (value: number) => boolean): Ratio {
  return { name, value, target, met: value === null ? null : meets(value) };
}

export function targetRatios(runs: MeasuredTarget[], npmStartSeconds: number | null): Ratio[] {
  const router = find(runs, 'router', 'throughput');
  const hive = find(runs, 'hive gateway', 'throughput');
  const routerCpu = router && cpuMsPerRequest(router, 'router');
  const financeCpu = router && cpuMsPerRequest(router, 'finance subgraph');
  const p50 = (target: TargetName) => find(runs, target, 'latency')?.latencyMs?.p50;
  const rps = (target: TargetName) => find(runs, target, 'throughput')?.requestsPerSecond;
  return [
    ratio('router ÷ Hive Gateway throughput', quotient(router?.requestsPerSecond, hive?.requestsPerSecond), '≥ 1.2', (v) => v >= 1.2),
    ratio(
      'router ÷ Hive Gateway CPU per request',
      quotient(routerCpu, hive && cpuMsPerRequest(hive, 'hive gateway')),
      '≤ 0.8',
      (v) => v <= 0.8,
    ),
    ratio(
      'router p50 ÷ direct one-after-the-other p50 (fixed rate)',
      quotient(p50('router'), p50('direct, one after the other')),
      '≤ 1.5',
      (v) => v <= 1.5,
    ),
    ratio(
      "Finance CPU per dashboard request ÷ the baseline's 4.8 ms",
      quotient(financeCpu, baseline.targets['finance subgraph'].cpuMsPerRequest),
      '≤ 0.25',
      (v) => v <= 0.25,
    ),
    ratio(
      'REST ÷ GraphQL throughput (incomes of a user)',
      quotient(rps('REST GET /income/{id}'), rps('GraphQL RestIncomes')),
      '≥ 0.8',
      (v) => v >= 0.8,
    ),
    ratio(
      'cached ÷ uncached summary throughput',
      quotient(rps('summary, cached router'), rps('summary, uncached router')),
      '-',
      () => true,
    ),
    ratio('npm start to ready, seconds (embedded PostgreSQL)', npmStartSeconds, '≤ 10', (v) => v <= 10),
  ];
}

export function ratiosTable(ratios: Ratio[]): string {
  const verdict = (ratio: Ratio) => (ratio.target === '-' ? '' : ratio.met === null ? 'not measured' : ratio.met ? 'met' : 'not met');
  return markdownTable(
    ['ratio', 'now', 'target', ''],
    ratios.map((ratio) => [ratio.name, fixed(ratio.value, 2), ratio.target, verdict(ratio)]),
  );
}

/** The table (throughput at fixed connections) beside today's, each target's own process CPU. */
export function baselineTable(runs: MeasuredTarget[]): string {
  const ownProcess: Record<keyof typeof baseline.targets, string> = {
    'finance subgraph': 'finance subgraph',
    'user subgraph': 'user subgraph',
    router: 'router',
    'hive gateway': 'hive gateway',
  };
  const rows = Object.entries(baseline.targets).map(([target, then]) => {
    const now = find(runs, target as TargetName, 'throughput');
    const cpu = now && cpuMsPerRequest(now, ownProcess[target as keyof typeof baseline.targets]);
    return [
      target,
      String(then.requestsPerSecond),
      fixed(now?.requestsPerSecond),
      String(then.p50Ms),
      fixed(now?.latencyMs?.p50),
      fixed(then.cpuMsPerRequest),
      fixed(cpu, 2),
    ];
  });
  return markdownTable(['target', 'req/s then', 'req/s now', 'p50 ms then', 'p50 ms now', 'CPU ms/req then', 'CPU ms/req now'], rows);
}

export function fanOutLine(round: RoundResult | null): string {
  if (round === null) return 'subscription fan-out: not measured';
  const { subscribers, connected, delivered, expected, latencyMs } = round;
  return `subscription fan-out: ${subscribers} subscribers (${connected} connected), ${delivered} of ${expected} events delivered, p50 ${fixed(latencyMs?.p50)} ms, p99 ${fixed(latencyMs?.p99)} ms`;
}

function failedTargets(runs: MeasuredTarget[]): string[] {
  return runs
    .filter((run) => errorCount(run) > 0 || run.succeeded === 0)
    .map((run) => `${run.target} (${run.mode}): ${JSON.stringify(run.failures)}`);
}

/** The markdown printed and saved, and the JSON beside it. */
export function dashboardReport(
  startedAt: string,
  options: DashboardOptions,
  measured: Measured,
  npmStartSeconds: number | null,
): { markdown: string; results: DashboardReport } {
  const ratios = targetRatios(measured.runs, npmStartSeconds);
  const { stack: _stack, ...measuredWith } = options;
  const about = machine();
  const settings = `${options.users} users rotating, ${options.records} incomes and ${options.records} expenses each; fixed connections: ${options.connections}; fixed rate: ${options.ratePerSecond} req/s; ${options.warmupSeconds} s warm-up, ${options.durationSeconds} s measured per run`;
  const markdown = [
    `# npm run bench${options.smoke ? ' (smoke)' : ''}, ${startedAt}`,
    `${about.cpus} × ${about.cpuModel}, Node ${about.node}, ${measured.database}. ${settings}. Every process shares the machine.`,
    runsTable(measured.runs, CPU_COLUMNS),
    ratiosTable(ratios),
    `Against the issue's baseline (${baseline.source}):`,
    baselineTable(measured.runs),
    fanOutLine(measured.fanOut),
    `npm start to ready on embedded PostgreSQL: ${npmStartSeconds ?? '-'} s`,
  ].join('\n\n');
  const results: DashboardReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: about,
    database: measured.database,
    options: measuredWith,
    runs: measured.runs,
    fanOut: measured.fanOut,
    npmStartSeconds,
    ratios,
    baseline,
  };
  return { markdown: `${markdown}\n`, results };
}

/** What makes a run fail (in CI, the smoke run): wrong answers, lost events, a stack that did not start; never speed. */
export function wrongAnswers(measured: Measured, npmStartSeconds: number | null): string[] {
  const problems = failedTargets(measured.runs);
  const round = measured.fanOut;
  if (round !== null && round.delivered < round.expected) problems.push(`fan-out delivered ${round.delivered} of ${round.expected} events`);
  if (npmStartSeconds === null) problems.push('npm start did not get ready');
  return problems;
}
