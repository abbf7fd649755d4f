// Everything `npm run bench` reads from its command line and environment, checked once: every bad
// option is reported together, then it exits. --smoke changes the defaults, not the meaning.
import { parseArgs } from 'node:util';
import { stackSettingsFrom, type StackSettings } from '../support/benchStack.js';
import { exitOnOptionErrors, exitWithUsage, integerOption } from '../support/commandLine.js';

export interface DashboardOptions {
  /** A check that every target answers right, in seconds per target; fails on wrong answers, never on speed. */
  smoke: boolean;
  /** Accounts the load rotates over. */
  users: number;
  /** Incomes per account, and as many expenses. */
  records: number;
  /** Throughput runs: requests in flight at all times. */
  connections: number;
  /** Latency runs: requests sent a second, on a fixed schedule, the same for every target. */
  ratePerSecond: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Subscribers of the one fan-out round. */
  subscribers: number;
  stack: StackSettings;
}

const DEFAULTS = {
  full: { users: '50', records: '40', connections: '20', rate: '40', duration: '15', warmup: '3', subscribers: '1000' },
  smoke: { users: '4', records: '12', connections: '4', rate: '10', duration: '1', warmup: '1', subscribers: '50' },
};

export const usage = `Usage: npm run bench -- [options]        (npm run bench:smoke: the same with --smoke)
  --smoke            a second per target, few users, a small fan-out: fails on a wrong answer, not on speed
  --users 50         accounts the load rotates over (smoke: 4)
  --records 40       incomes per account, and as many expenses (smoke: 12)
  --connections 20   throughput runs: requests in flight at all times (smoke: 4)
  --rate 40          latency runs: requests a second on a fixed schedule, every target alike (smoke: 10)
  --duration 15      seconds measured per target and run (smoke: 1)
  --warmup 3         seconds of load before each measurement, not measured (smoke: 1)
  --subscribers 1000 subscribers of the fan-out round (smoke: 50)
Environment: DATABASE_URL (a PostgreSQL server; else embedded), REDIS_URL, BENCH_STACK_OUTPUT=inherit`;

export function readDashboardOptions(argv: string[], env: NodeJS.ProcessEnv): DashboardOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean', default: false },
      users: { type: 'string' },
      records: { type: 'string' },
      connections: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      subscribers: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) exitWithUsage(usage);
  const defaults = values.smoke ? DEFAULTS.smoke : DEFAULTS.full;
  const errors: string[] = [];
  const option = (name: keyof typeof defaults, least = 1) => integerOption(name, values[name] ?? defaults[name], errors, least);
  const options: DashboardOptions = {
    smoke: values.smoke,
    users: option('users'),
    records: option('records'),
    connections: option('connections'),
    ratePerSecond: option('rate'),
    durationSeconds: option('duration'),
    warmupSeconds: option('warmup', 0),
    subscribers: option('subscribers'),
    stack: stackSettingsFrom(env),
  };
  exitOnOptionErrors(errors, usage);
  return options;
}
