// The environment every subgraph reads under the same names, and what it makes of it. A subgraph's
// config.ts spells out its whole schema: these variables plus its own (USER_SUBGRAPH_PORT ...).
import { secretSchema } from '@ledgerline/identity';
import { z } from 'zod';
import { devSecret, type DevSecretName } from './devSecrets.js';
import { dataDirVariable, hostVariable, logLevelSchema, optionalVariable, variableWithDefault } from './loadConfig.js';

const postgresSchemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier');

export const databaseSchemaVariable = (fallback: string) => variableWithDefault(postgresSchemaName, fallback);

export const subgraphVariables = {
  NODE_ENV: optionalVariable(z.string()),
  HOST: hostVariable,
  DATABASE_URL: optionalVariable(z.url()),
  ROUTER_SIGNING_SECRET: optionalVariable(secretSchema),
  /** Signs the credentials the services (and the router, for its token checks and event streams) present to each other over gRPC. */
  SERVICE_SIGNING_SECRET: optionalVariable(secretSchema),
  LEDGERLINE_DATA_DIR: dataDirVariable,
  LOG_LEVEL: logLevelSchema,
};

type SubgraphVariables = z.output<z.ZodObject<typeof subgraphVariables>>;

export interface SubgraphConfig {
  production: boolean;
  host: string;
  port: number;
  grpcPort: number;
  /** Where GET /metrics is served, apart from the public port. */
  metricsPort: number;
  databaseUrl: string;
  databaseSchema: string;
  routerSigningSecret: string;
  serviceSigningSecret: string;
  logLevel: string;
  dataDir: string;
}

/** Reports each of `names` that production needs and the environment lacks. */
export function requireInProduction<Env extends { NODE_ENV?: string | undefined }>(
  env: Env,
  names: (keyof Env & string)[],
  context: z.RefinementCtx,
): void {
  if (env.NODE_ENV !== 'production') return;
  for (const name of names) {
    if (env[name] === undefined) context.addIssue({ code: 'custom', path: [name], message: 'required in production' });
  }
}

/** The service's own database URL, else DATABASE_URL; reported when neither is set. */
export function databaseUrlOf(
  own: { name: string; value: string | undefined },
  shared: string | undefined,
  context: z.RefinementCtx,
): string {
  const url = own.value ?? shared;
  if (url !== undefined) return url;
  context.addIssue({
    code: 'custom',
    path: ['DATABASE_URL'],
    message: `set ${own.name} or DATABASE_URL (npm start sets it for the embedded database)`,
  });
  return z.NEVER;
}

export function subgraphConfigFrom(
  env: SubgraphVariables,
  own: { port: number; grpcPort: number; metricsPort: number; databaseUrl: string; databaseSchema: string },
  warn: (message: string) => void,
): SubgraphConfig {
  return {
    production: env.NODE_ENV === 'production',
    host: env.HOST,
    ...own,
    routerSigningSecret: secretOrDevSecret(env.ROUTER_SIGNING_SECRET, 'routerSigningSecret', env.LEDGERLINE_DATA_DIR, warn),
    serviceSigningSecret: secretOrDevSecret(env.SERVICE_SIGNING_SECRET, 'serviceSigningSecret', env.LEDGERLINE_DATA_DIR, warn),
    logLevel: env.LOG_LEVEL,
    dataDir: env.LEDGERLINE_DATA_DIR,
  };
}

export function secretOrDevSecret(value: string | undefined, name: DevSecretName, dataDir: string, warn: (m: string) => void): string {
  return value ?? devSecret(name, dataDir, warn);
}
