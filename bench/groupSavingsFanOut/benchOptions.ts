// Everything the fan-out benchmark reads from its command line and environment, checked once:
// every bad option is reported together, then it exits.
import { parseArgs } from 'node:util';
import { stackSettingsFrom, type StackSettings } from '../support/benchStack.js';
import { exitOnOptionErrors, exitWithUsage, integerOption } from '../support/commandLine.js';

export type BenchRoute = 'graphql' | 'raw';

export interface BenchOptions {
  /** One round per count, in order. */
  subscriberCounts: number[];
  /** Contributions measured per round (after the warm-up). */
  events: number;
  route: BenchRoute;
  /** Accounts the subscribers are spread over (the owner is one more). */
  members: number;
  /** Sockets opened at a time. */
  batch: number;
  /** Time between measured contributions. */
  intervalMs: number;
  /**
   * An already-running router to measure instead of starting the stack (BENCH_ROUTER_URL), and its
   * GET /metrics (BENCH_ROUTER_METRICS_URL; by default its host on the default METRICS_PORT, 9464).
   */
  runningRouter: { origin: string; metricsUrl: string } | null;
  /** How the stack is started when there is no routerUrl; with a Redis URL, it carries group events over Redis. */
  stack: StackSettings;
}

export const usage = `Usage: npm run bench:fan-out -- [options]
  --subscribers 1000,2000,5000  subscribers per round, one round each
  --events 20                   contributions measured per round
  --route graphql|raw           graphql-ws at /graphql, or the raw /ws/group-savings/<id>/updates route
  --members 20                  accounts the subscribers are spread over
  --batch 200                   sockets opened at a time
  --interval 500                milliseconds between contributions
Environment: BENCH_ROUTER_URL (measure a running router), BENCH_ROUTER_METRICS_URL (its /metrics; default port 9464 of its host),
  DATABASE_URL, REDIS_URL, BENCH_STACK_OUTPUT=inherit`;

function runningRouterFrom(env: NodeJS.ProcessEnv, errors: string[]): BenchOptions['runningRouter'] {
  const text = env['BENCH_ROUTER_URL'];
  if (!text) return null;
  if (!URL.canParse(text)) {
    errors.push(`BENCH_ROUTER_URL: "${text}" is not a URL`);
    return null;
  }
  const url = new URL(text);
  const metricsUrl = env['BENCH_ROUTER_METRICS_URL'] || `${url.protocol}//${url.hostname}:9464/metrics`;
  if (!URL.canParse(metricsUrl)) errors.push(`BENCH_ROUTER_METRICS_URL: "${metricsUrl}" is not a URL`);
  return { origin: url.origin, metricsUrl };
}

export function readBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      subscribers: { type: 'string', default: '1000,2000,5000' },
      events: { type: 'string', default: '20' },
      route: { type: 'string', default: 'graphql' },
      members: { type: 'string', default: '20' },
      batch: { type: 'string', default: '200' },
      interval: { type: 'string', default: '500' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) exitWithUsage(usage);
  const errors: string[] = [];
  const route = values.route;
  if (route !== 'graphql' && route !== 'raw') errors.push(`--route: "${route}" is neither graphql nor raw`);
  const options: BenchOptions = {
    subscriberCounts: values.subscribers.split(',').map((count) => integerOption('subscribers', count.trim(), errors)),
    events: integerOption('events', values.events, errors),
    route: route === 'raw' ? 'raw' : 'graphql',
    members: integerOption('members', values.members, errors),
    batch: integerOption('batch', values.batch, errors),
    intervalMs: integerOption('interval', values.interval, errors),
    runningRouter: runningRouterFrom(env, errors),
    stack: stackSettingsFrom(env),
  };
  exitOnOptionErrors(errors, usage);
  return options;
}
