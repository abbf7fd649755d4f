// What `npm start` reads from the environment and its command line; the services read the rest themselves.
import { secretSchema } from '@ledgerline/identity';
import {
  dataDirVariable,
  hostVariable,
  loadConfig,
  optionalVariable,
  portVariable,
  requiredSecrets,
} from '@ledgerline/service-runtime/lifecycle';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { devSecret, type SecretName } from './devSecrets.js';
import type { StackPorts } from './stack.js';

const SECRET_NAMES: readonly SecretName[] = ['JWT_SECRET', 'ROUTER_SIGNING_SECRET', 'SERVICE_SIGNING_SECRET'];

const HOW_TO_GET_A_SECRET =
  'required: set it (openssl rand -base64 32), or pass --dev-secrets (npm start does) to generate development secrets in the data directory';

const environmentSchema = z.object({
  DATABASE_URL: optionalVariable(z.url()),
  JWT_SECRET: optionalVariable(secretSchema),
  ROUTER_SIGNING_SECRET: optionalVariable(secretSchema),
  SERVICE_SIGNING_SECRET: optionalVariable(secretSchema),
  HOST: hostVariable,
  PORT: portVariable(4000),
  USER_SUBGRAPH_PORT: portVariable(4001),
  FINANCE_SUBGRAPH_PORT: portVariable(4002),
  USER_GRPC_PORT: portVariable(50051),
  FINANCE_GRPC_PORT: portVariable(50052),
  METRICS_PORT: portVariable(9464),
  USER_METRICS_PORT: portVariable(9465),
  FINANCE_METRICS_PORT: portVariable(9466),
  EMBEDDED_POSTGRES_PORT: portVariable(5433),
  LEDGERLINE_DATA_DIR: dataDirVariable,
  /** Read by the services themselves; the launcher only says which bus and which collector they use. */
  REDIS_URL: optionalVariable(z.url()),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalVariable(z.url()),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalVariable(z.url()),
  /** Read by the router; the launcher only needs to know whether the router serves clients/web-app/dist. */
  WEB_APP_DIR: optionalVariable(z.string()),
});

/** Without --dev-secrets the launcher makes up nothing: it needs every secret, as each service does. */
const environmentWithSecretsSchema = environmentSchema.transform((env, context) => ({
  ...env,
  ...requiredSecrets(env, SECRET_NAMES, context, HOW_TO_GET_A_SECRET),
}));

export interface LauncherConfig {
  /** DATABASE_URL's server, or else the embedded PostgreSQL to start. */
  database: { kind: 'server'; url: string } | { kind: 'embedded'; port: number; dataDir: string };
  host: string;
  ports: StackPorts;
  dataDir: string;
  /** Passed to every service, so all three agree, generated development secrets (--dev-secrets) included. */
  secrets: { JWT_SECRET: string; ROUTER_SIGNING_SECRET: string; SERVICE_SIGNING_SECRET: string };
  /** For the banner: whether group events go over Redis, and where spans go (null: no tracing). */
  eventBus: 'redis' | 'grpc';
  tracesTo: string | null;
  /** WEB_APP_DIR, the web app build the router serves; null: clients/web-app/dist, which `npm start` keeps current. */
  webAppDir: string | null;
}

/** `args`: the launcher's command line after the script, e.g. ['--dev-secrets']. */
export function readConfig(env: NodeJS.ProcessEnv, args: string[], warn: (message: string) => void): LauncherConfig {
  const generateMissingSecrets = devSecretsWanted(args);
  const parsed = loadConfig('launcher', generateMissingSecrets ? environmentSchema : environmentWithSecretsSchema, env);
  const dataDir = parsed.LEDGERLINE_DATA_DIR;
  // A secret the environment gives always wins; without --dev-secrets, loadConfig has refused any missing one.
  const secret = (name: SecretName) => parsed[name] ?? devSecret(name, dataDir, warn);
  return {
    database:
      parsed.DATABASE_URL === undefined
        ? { kind: 'embedded', port: parsed.EMBEDDED_POSTGRES_PORT, dataDir: join(dataDir, 'postgres') }
        : { kind: 'server', url: parsed.DATABASE_URL },
    host: parsed.HOST,
    ports: {
      router: parsed.PORT,
      user: parsed.USER_SUBGRAPH_PORT,
      finance: parsed.FINANCE_SUBGRAPH_PORT,
      userGrpc: parsed.USER_GRPC_PORT,
      financeGrpc: parsed.FINANCE_GRPC_PORT,
      routerMetrics: parsed.METRICS_PORT,
      userMetrics: parsed.USER_METRICS_PORT,
      financeMetrics: parsed.FINANCE_METRICS_PORT,
    },
    dataDir,
    eventBus: parsed.REDIS_URL === undefined ? 'grpc' : 'redis',
    tracesTo: parsed.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? parsed.OTEL_EXPORTER_OTLP_ENDPOINT ?? null,
    webAppDir: parsed.WEB_APP_DIR ?? null,
    secrets: {
      JWT_SECRET: secret('JWT_SECRET'),
      ROUTER_SIGNING_SECRET: secret('ROUTER_SIGNING_SECRET'),
      SERVICE_SIGNING_SECRET: secret('SERVICE_SIGNING_SECRET'),
    },
  };
}

/** --dev-secrets: generate (and keep in the data directory) the secrets the environment lacks; for development only. */
function devSecretsWanted(args: string[]): boolean {
  try {
    return parseArgs({ args, options: { 'dev-secrets': { type: 'boolean', default: false } }, strict: true }).values['dev-secrets'];
  } catch (error) {
    process.stderr.write(`launcher: ${(error as Error).message}; its one option is --dev-secrets\n`);
    process.exit(1);
  }
}
