// Everything the summary-cache benchmark reads from its command line and environment, checked once:
// every bad option is reported together, then it exits.
import { parseArgs } from 'node:util';
import { stackSettingsFrom, type StackSettings } from '../support/benchStack.js';
import { exitOnOptionErrors, exitWithUsage, integerOption } from '../support/commandLine.js';

export interface SummaryCacheOptions {
  /** Accounts the load is spread over. */
  users: number;
  /** Incomes per account, and as many expenses. */
  records: number;
  /** Virtual clients, each sending its next request once its last one is answered. */
  concurrency: number;
  durationSeconds: number;
  /** Load before each measurement, not measured. */
  warmupSeconds: number;
  /** Each round measures the uncached router, then the cached one. */
  rounds: number;
  stack: StackSettings;
}

export const usage = `Usage: npm run bench:summary-cache -- [options]
  --users 20        accounts the load is spread over
  --records 50      incomes per account, and as many expenses
  --concurrency 32  virtual clients, each with one request in flight
  --duration 15     seconds measured per router per round
  --warmup 3        seconds of load before each measurement, not measured
  --rounds 2        rounds, each the uncached router then the cached one
Environment: DATABASE_URL, REDIS_URL, BENCH_STACK_OUTPUT=inherit`;

export function readSummaryCacheOptions(argv: string[], env: NodeJS.ProcessEnv): SummaryCacheOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: 'string', default: '20' },
      records: { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '32' },
      duration: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '2' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) exitWithUsage(usage);
  const errors: string[] = [];
  const options: SummaryCacheOptions = {
    users: integerOption('users', values.users, errors),
    records: integerOption('records', values.records, errors),
    concurrency: integerOption('concurrency', values.concurrency, errors),
    durationSeconds: integerOption('duration', values.duration, errors),
    warmupSeconds: integerOption('warmup', values.warmup, errors, 0),
    rounds: integerOption('rounds', values.rounds, errors),
    stack: stackSettingsFrom(env),
  };
  exitOnOptionErrors(errors, usage);
  return options;
}
