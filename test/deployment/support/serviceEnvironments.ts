// What each deployable process reads from its environment and listens on, from the services' own
// config modules: the deployment checks hold every manifest's environment up against these, so a
// variable renamed in code and not in a manifest fails a test, not a rollout.
import { PLACEHOLDER_SECRET_PREFIX } from '../../../packages/identity/src/secretSchema.js';
import { migrationTargetsFromEnv } from '../../../prisma/src/migrateConfig.js';
import { isServiceName } from '../../../prisma/src/servicePaths.js';
import { ROUTER_VARIABLES, readConfig as readRouterConfig, routerConfigurationProblems } from '../../../router/src/config.js';
import {
  FINANCE_SUBGRAPH_VARIABLES,
  financeConfigurationProblems,
  readConfig as readFinanceConfig,
} from '../../../subgraphs/finance/src/config.js';
import { USER_SUBGRAPH_VARIABLES, readConfig as readUserConfig, userConfigurationProblems } from '../../../subgraphs/user/src/config.js';

export type ServiceName = 'router' | 'user' | 'finance';

export const SERVICE_NAMES: readonly ServiceName[] = ['router', 'user', 'finance'];

/** The ports a process opens, by the names the manifests give them. */
export interface ListeningPorts {
  http: number;
  metrics: number;
  grpc?: number;
}

interface ServiceEnvironment {
  variables: readonly string[];
  problems: (env: NodeJS.ProcessEnv) => string[];
  /** Only for an environment without problems: the config readers exit the process on a bad one. */
  ports: (env: NodeJS.ProcessEnv) => ListeningPorts;
}

const services: Record<ServiceName, ServiceEnvironment> = {
  router: {
    variables: ROUTER_VARIABLES,
    problems: routerConfigurationProblems,
    ports: (env) => {
      const config = readRouterConfig(env);
      return { http: config.port, metrics: config.metricsPort };
    },
  },
  user: {
    variables: USER_SUBGRAPH_VARIABLES,
    problems: userConfigurationProblems,
    ports: (env) => {
      const config = readUserConfig(env);
      return { http: config.port, grpc: config.grpcPort, metrics: config.metricsPort };
    },
  },
  finance: {
    variables: FINANCE_SUBGRAPH_VARIABLES,
    problems: financeConfigurationProblems,
    ports: (env) => {
      const config = readFinanceConfig(env);
      return { http: config.port, grpc: config.grpcPort, metrics: config.metricsPort };
    },
  },
};

/** Read by Node.js itself rather than by our code; a manifest may set them for any process. */
const NODE_RUNTIME_VARIABLES = new Set(['NODE_OPTIONS', 'TZ']);

/**
 * What is wrong with `env` as `service`'s environment: what start-up would refuse, and any variable the
 * service does not read (a misspelt name is otherwise silently ignored, and its default used).
 */
export function environmentProblems(service: ServiceName, env: Record<string, string>): string[] {
  const { variables, problems } = services[service];
  const unread = Object.keys(env).filter((name) => !variables.includes(name) && !NODE_RUNTIME_VARIABLES.has(name));
  return [...problems(asFilledIn(env)), ...unread.map((name) => `${name}: not a variable the ${service} service reads`)];
}

/** The ports `service` listens on with `env`; call only when environmentProblems found nothing. */
export function listeningPorts(service: ServiceName, env: Record<string, string>): ListeningPorts {
  return services[service].ports(asFilledIn(env));
}

/**
 * `env` as it is once its example file has been filled in: the checks read a manifest's environment from the
 * committed examples, whose secrets the services refuse as placeholders (secretSchema) by design. Each is
 * read as a real value of the same length, so the length rule still holds it to account.
 */
function asFilledIn(env: Record<string, string>): Record<string, string> {
  const filledIn = (value: string) =>
    value.startsWith(PLACEHOLDER_SECRET_PREFIX)
      ? 'x'.repeat(PLACEHOLDER_SECRET_PREFIX.length) + value.slice(PLACEHOLDER_SECRET_PREFIX.length)
      : value;
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, filledIn(value)]));
}

/** What a migration (a compose service, a Kubernetes Job) runs in its service's image, before the services it migrates. */
export const MIGRATION_SCRIPT = 'prisma/dist/migrate.js';

/**
 * What is wrong with `env` for the migration runner given `args` (`migrate.js user`): an unknown service, or a
 * database URL it would not find.
 */
export function migrationEnvironmentProblems(args: readonly string[], env: Record<string, string>): string[] {
  const unknown = args.filter((arg) => !isServiceName(arg));
  if (unknown.length > 0) return [`migrate.js: no service named ${unknown.join(', ')}`];
  try {
    migrationTargetsFromEnv(env, args.filter(isServiceName));
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}
