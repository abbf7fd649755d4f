// The whole stack started for a benchmark, as separate processes (as `npm start` and the e2e tests
// run it), on a database made for the run: a fresh one on DATABASE_URL's server, else a throw-away
// embedded PostgreSQL.
import { randomBytes } from 'node:crypto';
import { COMPILED_SERVICE_ENTRY, SERVICE_ENTRY, startStack, type Stack } from '../../packages/launcher/src/stack.js';
import { freeStackPorts } from '../../test/support/freePort.js';
import { createTestDatabase } from '../../test/support/testDatabase.js';
import { dropRedisNamespace } from '../../test/support/redisNamespace.js';
import { freshStackSecrets } from '../../test/support/stackSecrets.js';

/** What every benchmark that starts the stack reads from its environment. */
export interface StackSettings {
  /** Whether the services write their logs to this terminal (BENCH_STACK_OUTPUT=inherit). */
  output: 'inherit' | 'ignore';
  /** Passed through to the stack (REDIS_URL). */
  redisUrl: string | null;
  /** The services' compiled JavaScript (`npm run build`), as production runs them, rather than their source through tsx. */
  compiled: boolean;
}

export interface BenchStack {
  /** The stack's router, e.g. http://127.0.0.1:4000. */
  routerOrigin: string;
  /** The subgraphs' addresses, for another router in front of them. */
  stack: Stack;
  /** The variables every service was started with on top of this process's environment: its secrets, Redis and the benchmark's own. */
  serviceEnv: NodeJS.ProcessEnv;
  databaseKind: string;
  /** The file each service's process was started from (the compiled or the source entry). */
  entries: { readonly user: string; readonly finance: string; readonly router: string };
  /** Rejects when a service of the stack exits on its own. */
  failed: Promise<never>;
  /** Stops the services, then drops the database and the run's Redis keys. */
  stop(): Promise<void>;
}

export const stackSettingsFrom = (env: NodeJS.ProcessEnv): StackSettings => ({
  output: env['BENCH_STACK_OUTPUT'] === 'inherit' ? 'inherit' : 'ignore',
  redisUrl: env['REDIS_URL'] || null,
  compiled: false,
});

/** `benchEnv`: the benchmark's own variables (limits, LOG_LEVEL...), given to every service. */
export async function startBenchStack(
  settings: StackSettings,
  benchEnv: NodeJS.ProcessEnv,
  log: (message: string) => void,
): Promise<BenchStack> {
  const database = await createTestDatabase();
  log(`starting the stack on ${database.kind}`);
  const redisKeyPrefix = `ledgerline-bench-${randomBytes(6).toString('hex')}:`;
  const serviceEnv: NodeJS.ProcessEnv = {
    ...freshStackSecrets(),
    // A Redis namespace of the run's own: a test run on the same Redis is not heard, nor heard of.
    REDIS_KEY_PREFIX: redisKeyPrefix,
    ...benchEnv,
    // startStack passes this process's environment on as well; named here so the report says what ran.
    ...(settings.redisUrl === null ? {} : { REDIS_URL: settings.redisUrl }),
  };
  try {
    const stack = await startStack({
      databaseUrl: database.url,
      ports: await freeStackPorts(),
      env: serviceEnv,
      output: settings.output,
      compiled: settings.compiled,
    });
    return {
      routerOrigin: new URL(stack.routerUrl).origin,
      stack,
      serviceEnv,
      databaseKind: database.kind,
      entries: settings.compiled ? COMPILED_SERVICE_ENTRY : SERVICE_ENTRY,
      failed: stack.failed.then((reason) => Promise.reject(new Error(reason))),
      stop: async () => {
        await stack.stop();
        await database.drop();
        if (settings.redisUrl !== null) await dropRedisNamespace(settings.redisUrl, redisKeyPrefix);
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
