// The load generator of `npm run bench`, run as a child process of the benchmark so the CPU it
// spends is measured apart from the services'. It takes a setup, then one run at a time, over IPC:
// a closed loop at a fixed number of connections (throughput), or requests sent on a fixed schedule
// whatever the answers do (latency, open loop). It tells the benchmark when the measured window
// opens and closes, so the benchmark reads every process's CPU time at those moments.
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { summarize } from '../support/latencySummary.js';
import type { BenchLedger } from '../summaryCache/benchLedgers.js';
import { targetRequests, type TargetRequest } from './dashboardTargets.js';
import type { FromLoadGenerator, LoadResult, LoadRun, LoadSetup, ToLoadGenerator } from './loadPlan.js';

/** Sockets at most for a fixed-rate run: past it, requests wait in the agent, still timed from when they were due. */
const OPEN_LOOP_SOCKETS = 256;

const tell = (message: FromLoadGenerator) => process.send?.(message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Tally {
  latencies: number[];
  failures: Record<string, number>;
  /** Correct answers that arrived inside the measured window: throughput, at a fixed rate too. */
  answeredInWindow: number;
}

function record(tally: Tally, verdict: string | null, latencyMs: number): void {
  if (verdict === null) tally.latencies.push(Math.round(latencyMs * 100) / 100);
  else tally.failures[verdict] = (tally.failures[verdict] ?? 0) + 1;
}

/** Tells the benchmark when the window opens and closes; resolves when it has closed. */
function announceWindow(from: number, until: number): Promise<void> {
  setTimeout(() => tell({ kind: 'window', edge: 'start' }), from - performance.now());
  return sleep(until - performance.now()).then(() => void tell({ kind: 'window', edge: 'end' }));
}

/** Users in turn, so concurrent requests are for different users and no gateway can merge them. */
function userRotation(ledgers: BenchLedger[]): () => BenchLedger {
  let next = 0;
  return () => ledgers[next++ % ledgers.length] as BenchLedger;
}

async function closedLoop(send: TargetRequest, ledgers: BenchLedger[], run: LoadRun, tally: Tally): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: run.connections });
  const nextUser = userRotation(ledgers);
  const from = performance.now() + run.warmupSeconds * 1_000;
  const until = from + run.durationSeconds * 1_000;
  const window = announceWindow(from, until);
  const connection = async () => {
    while (performance.now() < until) {
      const sentAt = performance.now();
      const verdict = await send(agent, nextUser());
      const answeredAt = performance.now();
      if (answeredAt < from || answeredAt >= until) continue;
      record(tally, verdict, answeredAt - sentAt);
      if (verdict === null) tally.answeredInWindow++;
    }
  };
  await Promise.all([window, ...Array.from({ length: run.connections }, connection)]);
  agent.destroy();
}

async function openLoop(send: TargetRequest, ledgers: BenchLedger[], run: LoadRun, tally: Tally): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: OPEN_LOOP_SOCKETS });
  const nextUser = userRotation(ledgers);
  const start = performance.now();
  const from = start + run.warmupSeconds * 1_000;
  const until = from + run.durationSeconds * 1_000;
  const window = announceWindow(from, until);
  const interval = 1_000 / run.ratePerSecond;
  const inFlight = new Set<Promise<void>>();
  for (let due = start; due < until; due += interval) {
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    // Sent now even if late: the latency still counts from `due`, so the generator's own lag is not hidden either.
    const scheduledAt = due;
    const request = send(agent, nextUser()).then((verdict) => {
      const answeredAt = performance.now();
      // Latency of every request due in the window, however late its answer; throughput only of answers inside it.
      if (scheduledAt >= from) record(tally, verdict, answeredAt - scheduledAt);
      if (verdict === null && answeredAt >= from && answeredAt < until) tally.answeredInWindow++;
    });
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  }
  await Promise.all([window, ...inFlight]);
  agent.destroy();
}

async function measure(setup: LoadSetup, requests: ReturnType<typeof targetRequests>, run: LoadRun): Promise<LoadResult> {
  const tally: Tally = { latencies: [], failures: {}, answeredInWindow: 0 };
  const loop = run.mode === 'throughput' ? closedLoop : openLoop;
  await loop(requests[run.target], setup.ledgers, run, tally);
  return {
    succeeded: tally.latencies.length,
    requestsPerSecond: Math.round((tally.answeredInWindow / run.durationSeconds) * 10) / 10,
    latencyMs: summarize(tally.latencies),
    failures: tally.failures,
  };
}

let setup: LoadSetup | null = null;
let requests: ReturnType<typeof targetRequests> | null = null;
process.on('message', (message: ToLoadGenerator) => {
  if (message.kind === 'setup') {
    setup = message.setup;
    requests = targetRequests(setup);
    return;
  }
  if (setup === null || requests === null) throw new Error('a run before the setup');
  void measure(setup, requests, message.run).then((result) => tell({ kind: 'result', result }));
});
// The benchmark ends this process when it is done; the IPC channel closing means it is gone.
process.on('disconnect', () => process.exit());
tell({ kind: 'ready' });
