// The environment every subgraph reads under the same names, and what it makes of it. A subgraph's
// config.ts spells out its whole schema: these variables plus its own (USER_SUBGRAPH_PORT ...).
import { secretSchema } from '@ledgerline/identity';
import { z } from 'zod';
import { hostVariable, logLevelSchema, optionalVariable, variableWithDefault } from './loadConfig.js';
import { tracingSettingsFrom, tracingVariables, type TracingSettings } from './tracing/tracingConfig.js';

const postgresSchemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier');

export const databaseSchemaVariable = (fallback: string) => variableWithDefault(postgresSchemaName, fallback);

export const subgraphVariables = {
  NODE_ENV: optionalVariable(z.string()),
  HOST: hostVariable,
  DATABASE_URL: optionalVariable(z.url()),
  ROUTER_SIGNING_SECRET: optionalVariable(secretSchema),
  /** Signs the credentials the services (and the router, for its token checks and event streams) present to each other over gRPC. */
  SERVICE_SIGNING_SECRET: optionalVariable(secretSchema),
  LOG_LEVEL: logLevelSchema,
  /** How long a caller's gRPC connection lives before it is asked to reconnect, so calls spread over new replicas. */
  GRPC_MAX_CONNECTION_AGE_MS: variableWithDefault(z.coerce.number().int().min(1_000).max(86_400_000), 300_000),
  ...tracingVariables,
};

/** Read as the subgraph's schema reads them: the signing secrets are required (requiredSecrets). */
type SubgraphVariables = z.output<z.ZodObject<typeof subgraphVariables>> & {
  ROUTER_SIGNING_SECRET: string;
  SERVICE_SIGNING_SECRET: string;
};

export interface SubgraphConfig {
  production: boolean;
  host: string;
  port: number;
  grpcPort: number;
  /** How long a caller's gRPC connection lives before the server asks it to open a new one. */
  grpcMaxConnectionAgeMs: number;
  /** Where GET /metrics is served, apart from the public port. */
  metricsPort: number;
  databaseUrl: string;
  databaseSchema: string;
  routerSigningSecret: string;
  serviceSigningSecret: string;
  logLevel: string;
  /** Where spans go; null when tracing is off. */
  tracing: TracingSettings | null;
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
): SubgraphConfig {
  return {
    production: env.NODE_ENV === 'production',
    host: env.HOST,
    ...own,
    grpcMaxConnectionAgeMs: env.GRPC_MAX_CONNECTION_AGE_MS,
    routerSigningSecret: env.ROUTER_SIGNING_SECRET,
    serviceSigningSecret: env.SERVICE_SIGNING_SECRET,
    logLevel: env.LOG_LEVEL,
    tracing: tracingSettingsFrom(env),
  };
}
