// `npm run bench:summary-cache`: how many financial-summary reads a second the router answers with
// its response cache against a second router without it, both in front of the same subgraphs,
// measured in turn in one run. See bench/README.md.
import { constants } from 'node:os';
import { startBenchStack, type BenchStack } from './support/benchStack.js';
import { busyMachineWarning, machine } from './support/machine.js';
import { saveResults } from './support/resultsFile.js';
import { setUpBenchLedgers } from './summaryCache/benchLedgers.js';
import { readSummaryCacheOptions } from './summaryCache/summaryCacheOptions.js';
import {
  cacheHeaderNotes,
  median,
  ratioPerRound,
  table,
  type MeasuredRun,
  type RouterUnderTest,
  type SummaryCacheReport,
} from './summaryCache/summaryCacheReport.js';
import { runSummaryLoad } from './summaryCache/summaryLoad.js';
import { SUMMARY_QUERY } from './summaryCache/summaryRequest.js';
import { startUncachedRouter, type UncachedRouter } from './summaryCache/uncachedRouter.js';

const log = (message: string) => process.stdout.write(`${message}\n`);
const options = readSummaryCacheOptions(process.argv.slice(2), process.env);
const startedAt = new Date().toISOString();

const busy = busyMachineWarning();
if (busy !== null) log(busy);
log(
  `${machine().cpus} cores, shared by this benchmark's clients, both routers, both subgraphs and PostgreSQL${options.stack.redisUrl === null ? '' : ' and Redis'}`,
);

async function measure(started: BenchStack, uncached: UncachedRouter): Promise<void> {
  const origins: Record<RouterUnderTest, string> = { uncached: uncached.origin, cached: started.routerOrigin };
  log(`cached router ${origins.cached}, uncached router ${origins.uncached}`);
  log(`registering ${options.users} accounts with ${options.records} incomes and ${options.records} expenses each`);
  const ledgers = await setUpBenchLedgers(`${origins.cached}/graphql`, options.users, options.records);
  const { concurrency, warmupSeconds, durationSeconds } = options;
  const runs: MeasuredRun[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    // Turn about in every round, so drift over the run (a warming JIT, a busier machine) falls on both alike.
    for (const router of ['uncached', 'cached'] as const) {
      log(`round ${round}: ${router} router, ${concurrency} clients, ${warmupSeconds} s warm-up, ${durationSeconds} s measured`);
      const result = await runSummaryLoad({ routerOrigin: origins[router], ledgers, concurrency, warmupSeconds, durationSeconds });
      if (Object.keys(result.failures).length > 0) log(`  failures: ${JSON.stringify(result.failures)}`);
      runs.push({ round, router, ...result });
    }
  }
  log(`\n${table(runs)}\n`);
  const perRound = ratioPerRound(runs);
  const throughputRatio = median(perRound);
  log(
    `cached ÷ uncached throughput: ${throughputRatio ?? '-'} (the median of each round's: ${perRound.map((ratio) => ratio ?? '-').join(', ')})`,
  );
  for (const note of cacheHeaderNotes(runs)) log(`note: ${note}`);
  const { stack: _stack, ...measuredWith } = options;
  const path = await saveResults({
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    target: {
      routers: origins,
      database: started.databaseKind,
      responseCache: options.stack.redisUrl === null ? 'in-process LRU' : 'Redis',
    },
    options: measuredWith,
    query: SUMMARY_QUERY,
    ratioPerRound: perRound,
    throughputRatio,
    runs,
  } satisfies SummaryCacheReport);
  log(`results written to ${path}`);
}

let stop: (() => Promise<void>) | null = null;
// Ctrl-C: the services run in their own process groups, so they are stopped (and the database dropped) here.
// Before the stack is up, exiting is enough: each service process is killed when this one exits.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void (stop?.() ?? Promise.resolve()).finally(() => process.exit(128 + constants.signals[signal])));
}
const benchEnv = { LOG_LEVEL: 'warn', RESPONSE_CACHE_ENABLED: 'true' };
const started = await startBenchStack(options.stack, benchEnv, log);
stop = () => started.stop();
try {
  const uncached = await startUncachedRouter(started, options.stack.output);
  stop = async () => {
    await uncached.stop();
    await started.stop();
  };
  await Promise.race([measure(started, uncached), started.failed, uncached.failed]);
} catch (error) {
  process.exitCode = 1;
  log(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await stop();
}
// Kept-alive sockets still closing would otherwise keep the process alive for their timeouts.
process.exit();
