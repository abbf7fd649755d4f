// `npm run bench:fan-out`: how many live group-savings subscribers one router process holds with
// p99 delivery latency (commit to receipt) under 250 ms, and what each costs it in memory.
// See bench/README.md.
import { readFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { setUpBenchGroup } from './groupSavingsFanOut/benchGroup.js';
import { readBenchOptions } from './groupSavingsFanOut/benchOptions.js';
import { benchTarget, type BenchTarget } from './groupSavingsFanOut/benchTarget.js';
import { runRound, type RoundResult } from './groupSavingsFanOut/fanOutRound.js';
import { LATENCY_BUDGET_MS, mostSubscribersWithinBudget, table, type FanOutReport } from './groupSavingsFanOut/fanOutReport.js';
import { routerGauge } from './groupSavingsFanOut/routerMemory.js';
import { busyMachineWarning, machine } from './support/machine.js';
import { saveResults } from './support/resultsFile.js';

const log = (message: string) => process.stdout.write(`${message}\n`);
const options = readBenchOptions(process.argv.slice(2), process.env);
const startedAt = new Date().toISOString();

/** This process's soft limit on open files: each subscriber holds one here (and one in the router). */
async function openFilesLimit(): Promise<number | null> {
  const limits = await readFile('/proc/self/limits', 'utf8').catch(() => '');
  const soft = /^Max open files\s+(\d+)/m.exec(limits)?.[1];
  return soft === undefined ? null : Number(soft);
}

const fileLimit = await openFilesLimit();
const mostSubscribers = Math.max(...options.subscriberCounts);
if (fileLimit !== null && fileLimit < mostSubscribers + 256) {
  log(
    `warning: open files limit is ${fileLimit}, too few for ${mostSubscribers} sockets; raise it first (ulimit -n ${mostSubscribers * 2})`,
  );
}

const busy = busyMachineWarning();
if (busy !== null) log(busy);

async function measure(target: BenchTarget): Promise<void> {
  const gauge = routerGauge(target.routerMetricsUrl, target.routerPid);
  log(`router ${target.routerOrigin}; memory from ${gauge.source}; group events over ${target.description.groupEvents}`);
  log(`registering ${options.members + 1} accounts and the group`);
  const group = await setUpBenchGroup(`${target.routerOrigin}/graphql`, options.members);
  const rounds: RoundResult[] = [];
  for (const subscribers of options.subscriberCounts) {
    log(`round: ${subscribers} subscribers on the ${options.route} route, ${options.events} events`);
    const { route, events, batch, intervalMs } = options;
    rounds.push(await runRound({ route, subscribers, events, batch, intervalMs, routerOrigin: target.routerOrigin, group, gauge, log }));
  }
  log(`\n${table(rounds)}\n`);
  const most = mostSubscribersWithinBudget(rounds);
  log(
    most === null
      ? `no round kept p99 under ${LATENCY_BUDGET_MS} ms with every event delivered`
      : `holds ${most} subscribers within budget`,
  );
  const { subscriberCounts, events, route, members, batch, intervalMs } = options;
  const path = await saveResults({
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { ...machine(), openFilesLimit: fileLimit },
    target: { ...target.description, memoryReadFrom: gauge.source },
    options: { subscriberCounts, events, route, members, batch, intervalMs },
    latencyBudgetMs: LATENCY_BUDGET_MS,
    mostSubscribersWithinBudget: most,
    rounds,
  } satisfies FanOutReport);
  log(`results written to ${path}`);
}

let started: BenchTarget | null = null;
// Ctrl-C: the services run in their own process groups, so they are stopped (and the database dropped) here.
// Before the stack is up, exiting is enough: each service process is killed when this one exits.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void (started?.stop() ?? Promise.resolve()).finally(() => process.exit(128 + constants.signals[signal])));
}
const target = await benchTarget(options, log);
started = target;
try {
  await Promise.race([measure(target), target.failed]);
} catch (error) {
  process.exitCode = 1;
  log(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await target.stop();
}
// Sockets still closing would otherwise keep the process alive for their close timeouts.
process.exit();
