// The three services as separate processes on a test's own ports and database, started as
// packages/launcher/src/stack.ts starts them, with a way to kill one outright and start it again:
// what the fault suite does to them.
import { randomBytes } from 'node:crypto';
import { startServiceProcess, waitUntilReady, type ServiceProcess } from '../../packages/launcher/src/serviceProcess.js';
import { SERVICE_ENTRY, stackEnvironment } from '../../packages/launcher/src/stack.js';
import { freeStackPorts } from './freePort.js';
import { dropRedisNamespace } from './redisNamespace.js';
import { freshStackSecrets } from './stackSecrets.js';
import { ONE_ADDRESS_FOR_ALL_CLIENTS } from './loginThrottleForTests.js';

const READY_TIMEOUT_MS = 60_000;

export type ServiceName = keyof typeof SERVICE_ENTRY;

export interface ServiceProcesses {
  routerOrigin: string;
  /** SIGKILL: no drain, no goodbye, as when a machine or container dies. */
  kill(service: ServiceName): Promise<void>;
  /** SIGSTOP: the process holds its connections and answers nothing, as a hung machine. */
  freeze(service: ServiceName): void;
  thaw(service: ServiceName): void;
  /** Starts the service again on its ports; resolves once it is ready. */
  restart(service: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

export interface ServiceProcessOptions {
  /** Added to every service's environment. */
  env?: NodeJS.ProcessEnv;
  /** Where the router is to find Finance, given where Finance listens: a proxy in front of it, say. */
  financeUrlForRouter?: (financeUrl: string) => Promise<string>;
}

/** `databaseUrl` must hold the migrated `users` and `finance` schemas. */
export async function startServiceProcesses(databaseUrl: string, options: ServiceProcessOptions = {}): Promise<ServiceProcesses> {
  const ports = await freeStackPorts();
  const origin = (port: number) => `http://127.0.0.1:${port}`;
  const readyUrl: Record<ServiceName, string> = {
    user: `${origin(ports.user)}/readyz`,
    finance: `${origin(ports.finance)}/readyz`,
    router: `${origin(ports.router)}/readyz`,
  };
  const environment = stackEnvironment({
    databaseUrl,
    ports,
    env: {
      USER_DATABASE_SCHEMA: 'users',
      FINANCE_DATABASE_SCHEMA: 'finance',
      ...freshStackSecrets(),
      REDIS_KEY_PREFIX: `ledgerline-faults-${randomBytes(6).toString('hex')}:`,
      LOG_LEVEL: 'warn',
      ...ONE_ADDRESS_FOR_ALL_CLIENTS,
      ...options.env,
    },
  });
  if (options.financeUrlForRouter !== undefined) {
    environment['FINANCE_SUBGRAPH_URL'] = await options.financeUrlForRouter(environment['FINANCE_SUBGRAPH_URL'] ?? '');
  }
  const output = process.env['TEST_STACK_OUTPUT'] === 'inherit' ? 'inherit' : 'ignore';
  const running = new Map<ServiceName, ServiceProcess>();

  async function start(service: ServiceName): Promise<void> {
    const started = startServiceProcess(`${service} (fault suite)`, SERVICE_ENTRY[service], environment, output);
    running.set(service, started);
    await waitUntilReady(started, readyUrl[service], READY_TIMEOUT_MS);
  }

  async function stop(): Promise<void> {
    const router = running.get('router');
    await router?.stop();
    await Promise.all([running.get('user')?.stop(), running.get('finance')?.stop()]);
    running.clear();
    // What the services wrote to a shared Redis (the router's caches) under this stack's prefix.
    const { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix } = environment;
    if (redisUrl && prefix) await dropRedisNamespace(redisUrl, prefix);
  }

  try {
    await Promise.all([start('user'), start('finance')]);
    await start('router');
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    routerOrigin: origin(ports.router),
    async kill(service) {
      const victim = running.get(service);
      if (victim === undefined) return;
      running.delete(service);
      victim.child.kill('SIGKILL');
      await victim.exited;
    },
    freeze: (service) => running.get(service)?.child.kill('SIGSTOP'),
    thaw: (service) => running.get(service)?.child.kill('SIGCONT'),
    restart: start,
    stop,
  };
}
