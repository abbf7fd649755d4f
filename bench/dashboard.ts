// `npm run bench`: how fast Ledgerline serves the dashboard, side by side in one run with the
// direct subgraph calls (the limit a gateway approaches) and Hive Gateway on the same supergraph,
// plus a REST route against its GraphQL operation, a cached against an uncached summary read,
// subscription fan-out and `npm start` to ready. `npm run bench:smoke` checks every target answers
// right in seconds. See bench/README.md.
import { constants } from 'node:os';
import { freePort } from '../test/support/freePort.js';
import { readDashboardOptions } from './dashboard/dashboardOptions.js';
import { dashboardReport, wrongAnswers, type Measured, type MeasuredTarget } from './dashboard/dashboardReport.js';
import { startDashboardStack, writeSupergraphFile } from './dashboard/dashboardStack.js';
import { fanOutRound } from './dashboard/fanOut.js';
import { startHiveGateway } from './dashboard/hiveGateway.js';
import { startLoadGenerator } from './dashboard/loadGeneratorProcess.js';
import type { StartedProcess } from './support/startedProcess.js';
import { TARGET_NAMES, type LoadMode } from './dashboard/loadPlan.js';
import { secondsToReady } from './dashboard/startupTime.js';
import type { BenchStack } from './support/benchStack.js';
import { busyMachineWarning } from './support/machine.js';
import { childProcessesRunning, postgresBackendsOf, type ProcessGroups } from './support/processCpu.js';
import { saveMarkdownReport, saveResults } from './support/resultsFile.js';
import { startSecondRouter, type SecondRouter } from './summaryCache/uncachedRouter.js';
import { setUpBenchLedgers } from './summaryCache/benchLedgers.js';

const log = (message: string) => process.stdout.write(`${message}\n`);
const options = readDashboardOptions(process.argv.slice(2), process.env);
const startedAt = new Date().toISOString();
const MODES: LoadMode[] = ['throughput', 'latency'];

/** What was started, last first: stopped in that order on success, failure or Ctrl-C. */
const started: (() => Promise<void>)[] = [];
async function stopAll(): Promise<void> {
  for (let stop = started.pop(); stop !== undefined; stop = started.pop()) {
    await stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAll().finally(() => process.exit(128 + constants.signals[signal])));
}

/** Each service's processes, found by the entry it runs (the second router apart), and the database's backends. */
async function processGroups(stack: BenchStack, cachedRouterPid: number, hivePid: number): Promise<ProcessGroups> {
  const routers = await childProcessesRunning(stack.entries.router);
  const database = /PostgreSQL database (\S+) on/.exec(stack.databaseKind)?.[1];
  return {
    router: async () => routers.filter((pid) => pid !== cachedRouterPid),
    'cached router': async () => [cachedRouterPid],
    'hive gateway': async () => [hivePid],
    'user subgraph': () => childProcessesRunning(stack.entries.user),
    'finance subgraph': () => childProcessesRunning(stack.entries.finance),
    // Embedded PostgreSQL runs inside this process: its CPU cannot be told apart, so it is not reported.
    ...(database === undefined ? {} : { postgres: () => postgresBackendsOf(database) }),
  };
}

interface Targets {
  stack: BenchStack;
  cachedRouter: SecondRouter;
  hive: StartedProcess;
  secrets: { JWT_SECRET: string; ROUTER_SIGNING_SECRET: string };
  /** Rejects when any of them exits on its own. */
  failed: Promise<never>;
}

/** The stack (its router with the cache off), a second router with it on, and Hive Gateway in front of the same subgraphs. */
async function startTargets(): Promise<Targets> {
  const stack = await startDashboardStack(options.stack, log);
  started.push(() => stack.stop());
  const cachedRouter = await startSecondRouter(stack, options.stack.output, true);
  started.push(() => cachedRouter.stop());
  const supergraph = await writeSupergraphFile(stack);
  started.push(() => supergraph.remove());
  const secrets = {
    JWT_SECRET: stack.serviceEnv['JWT_SECRET'] ?? '',
    ROUTER_SIGNING_SECRET: stack.serviceEnv['ROUTER_SIGNING_SECRET'] ?? '',
  };
  const hive = await startHiveGateway({ supergraphFile: supergraph.path, port: await freePort(), secrets, output: options.stack.output });
  started.push(() => hive.stop());
  return { stack, cachedRouter, hive, secrets, failed: Promise.race([stack.failed, cachedRouter.failed, hive.failed]) };
}

async function measureTargets({ stack, cachedRouter: cached, hive: gateway, secrets }: Targets): Promise<Measured> {
  log(`router ${stack.routerOrigin}, cached router ${cached.origin}, Hive Gateway ${gateway.origin}, on ${stack.databaseKind}`);
  log(`registering ${options.users} accounts with ${options.records} incomes and ${options.records} expenses each`);
  const ledgers = await setUpBenchLedgers(`${stack.routerOrigin}/graphql`, options.users, options.records);
  const generator = await startLoadGenerator({
    origins: { router: stack.routerOrigin, cachedRouter: cached.origin, hive: gateway.origin },
    subgraphUrls: { user: stack.stack.userSubgraphUrl, finance: stack.stack.financeSubgraphUrl },
    secrets: { jwt: secrets.JWT_SECRET, routerSigning: secrets.ROUTER_SIGNING_SECRET },
    ledgers,
    records: options.records,
  });
  started.push(async () => generator.stop());
  const groups = await processGroups(stack, cached.pid, gateway.pid);
  for (const [name, pidsOf] of Object.entries(groups)) {
    if ((await pidsOf()).length === 0) log(`warning: no process found for ${name}: its CPU column will read 0`);
  }
  const runs: MeasuredTarget[] = [];
  const { connections, ratePerSecond, warmupSeconds, durationSeconds } = options;
  for (const target of TARGET_NAMES) {
    for (const mode of MODES) {
      const result = await generator.measure({ target, mode, connections, ratePerSecond, warmupSeconds, durationSeconds }, groups);
      const errors = Object.keys(result.failures).length === 0 ? '' : ` failures ${JSON.stringify(result.failures)}`;
      log(`  ${target}, ${mode}: ${result.requestsPerSecond} req/s, p50 ${result.latencyMs?.p50 ?? '-'} ms${errors}`);
      runs.push({ target, mode, ...result });
    }
  }
  log(`fan-out: ${options.subscribers} subscribers`);
  const [routerPid = null] = (await groups['router']?.()) ?? [];
  const fanOut = await fanOutRound(
    stack.routerOrigin,
    { pid: routerPid, metricsUrl: stack.stack.metricsUrls.router },
    options.subscribers,
    options.smoke,
    log,
  );
  return { database: stack.databaseKind, runs, fanOut };
}

const busy = busyMachineWarning();
if (busy !== null) log(busy);
try {
  const targets = await startTargets();
  const measured = await Promise.race([targets.failed, measureTargets(targets)]);
  await stopAll();
  log('npm start on embedded PostgreSQL, to ready');
  const npmStartSeconds = await secondsToReady().catch((error: unknown) => {
    log(`npm start failed: ${String(error)}`);
    return null;
  });
  const { markdown, results } = dashboardReport(startedAt, options, measured, npmStartSeconds);
  log(`\n${markdown}`);
  log(`results written to ${await saveMarkdownReport(startedAt, markdown)} and ${await saveResults(results)}`);
  const problems = wrongAnswers(measured, npmStartSeconds);
  if (problems.length > 0) {
    log(`wrong answers or lost events:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
} catch (error) {
  process.exitCode = 1;
  log(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await stopAll();
}
// Kept-alive sockets still closing would otherwise keep the process alive for their timeouts.
process.exit();
