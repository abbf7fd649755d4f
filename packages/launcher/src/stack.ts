// The whole supergraph on one machine: migrations, both subgraphs, then the router, each its own
// process, talking over real sockets exactly as they would in a cluster.
import { applyMigrations, migrationTargetsFromEnv } from '@ledgerline/prisma/migrate';
import { startServiceProcess, waitUntilReady, type ServiceProcess } from './serviceProcess.js';

export interface StackPorts {
  router: number;
  /** The subgraphs' GraphQL (HTTP) ports, for the router. */
  user: number;
  finance: number;
  /** The subgraphs' gRPC ports, for each other. */
  userGrpc: number;
  financeGrpc: number;
  /** Each service's GET /metrics, apart from its public port. */
  routerMetrics: number;
  userMetrics: number;
  financeMetrics: number;
}

export interface StackOptions {
  databaseUrl: string;
  ports: StackPorts;
  host?: string;
  /** Variables passed to every service, on top of this process's environment. */
  env?: NodeJS.ProcessEnv;
  output?: 'inherit' | 'ignore';
  log?: (message: string) => void;
  /** Run each service's compiled JavaScript (`npm run build`) as production does, not its source through tsx. */
  compiled?: boolean;
}

export interface Stack {
  routerUrl: string;
  userSubgraphUrl: string;
  financeSubgraphUrl: string;
  /** host:port of each subgraph's gRPC server. */
  userGrpcAddress: string;
  financeGrpcAddress: string;
  /** Each service's Prometheus endpoint (GET /metrics on its metrics port). */
  metricsUrls: { router: string; user: string; finance: string };
  /** Resolves when any service exits on its own: the stack is then broken. */
  failed: Promise<string>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

/** Where each service's process starts, from the repository root: its source, run through tsx. */
export const SERVICE_ENTRY = {
  user: 'subgraphs/user/src/main.ts',
  finance: 'subgraphs/finance/src/main.ts',
  router: 'router/src/main.ts',
} as const;

/** The same services compiled by `npm run build`; the router loads the supergraph the build composed. */
export const COMPILED_SERVICE_ENTRY = {
  user: 'subgraphs/user/dist/main.js',
  finance: 'subgraphs/finance/dist/main.js',
  router: 'router/dist/main.js',
} as const;

/** Where the services of a stack on `host` find each other. */
function stackAddresses(host: string, ports: StackPorts) {
  return {
    userSubgraphUrl: `http://${host}:${ports.user}/graphql`,
    financeSubgraphUrl: `http://${host}:${ports.finance}/graphql`,
    userGrpcAddress: `${host}:${ports.userGrpc}`,
    financeGrpcAddress: `${host}:${ports.financeGrpc}`,
  };
}

/**
 * What every service of a stack is started with: this process's environment, `options.env`, and
 * each service's ports and where to find the others, which `options.env` cannot change.
 */
export function stackEnvironment(options: Pick<StackOptions, 'databaseUrl' | 'ports' | 'host' | 'env'>): NodeJS.ProcessEnv {
  const host = options.host ?? '127.0.0.1';
  const { ports } = options;
  const addresses = stackAddresses(host, ports);
  return {
    ...process.env,
    ...options.env,
    HOST: host,
    DATABASE_URL: options.databaseUrl,
    PORT: String(ports.router),
    USER_SUBGRAPH_PORT: String(ports.user),
    FINANCE_SUBGRAPH_PORT: String(ports.finance),
    USER_SUBGRAPH_URL: addresses.userSubgraphUrl,
    FINANCE_SUBGRAPH_URL: addresses.financeSubgraphUrl,
    USER_GRPC_PORT: String(ports.userGrpc),
    FINANCE_GRPC_PORT: String(ports.financeGrpc),
    USER_GRPC_ADDRESS: addresses.userGrpcAddress,
    FINANCE_GRPC_ADDRESS: addresses.financeGrpcAddress,
    METRICS_PORT: String(ports.routerMetrics),
    USER_METRICS_PORT: String(ports.userMetrics),
    FINANCE_METRICS_PORT: String(ports.financeMetrics),
  };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const base = (port: number) => `http://${host}:${port}`;
  const env = stackEnvironment(options);
  const entry = options.compiled === true ? COMPILED_SERVICE_ENTRY : SERVICE_ENTRY;

  let stopping = false;
  let router: ServiceProcess | undefined;
  let subgraphs: ServiceProcess[] = [];
  // The router first, so the requests it is still finishing can reach the subgraphs.
  const stop = async () => {
    stopping = true;
    await router?.stop();
    await Promise.all(subgraphs.map((subgraph) => subgraph.stop()));
  };
  try {
    // The router starts while the migrations run: it reads no database, composes its supergraph
    // offline, and its gRPC clients connect once the User and Finance services are up. Its start is
    // mostly loading code, which the second core does meanwhile.
    router = startServiceProcess('router', entry.router, env, options.output);
    // The same variables the services read (DATABASE_URL, <SERVICE>_DATABASE_URL and _SCHEMA),
    // so each service's schema is migrated exactly where that service will look for it.
    await Promise.all(migrationTargetsFromEnv(env).map((target) => applyMigrations({ ...target, log })));
    const user = startServiceProcess('user subgraph', entry.user, env, options.output);
    const finance = startServiceProcess('finance subgraph', entry.finance, env, options.output);
    subgraphs = [user, finance];
    await Promise.all([
      waitUntilReady(user, `${base(options.ports.user)}/readyz`, READY_TIMEOUT_MS),
      waitUntilReady(finance, `${base(options.ports.finance)}/readyz`, READY_TIMEOUT_MS),
      waitUntilReady(router, `${base(options.ports.router)}/readyz`, READY_TIMEOUT_MS),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  const services = [...subgraphs, router];

  return {
    routerUrl: `${base(options.ports.router)}/graphql`,
    ...stackAddresses(host, options.ports),
    metricsUrls: {
      router: `${base(options.ports.routerMetrics)}/metrics`,
      user: `${base(options.ports.userMetrics)}/metrics`,
      finance: `${base(options.ports.financeMetrics)}/metrics`,
    },
    failed: Promise.race(
      services.map((service) =>
        service.exited.then((code) => (stopping ? new Promise<string>(() => {}) : `${service.name} exited with code ${code}`)),
      ),
    ),
    stop,
  };
}
