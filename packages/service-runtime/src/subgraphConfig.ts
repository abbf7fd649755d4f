// The environment every subgraph reads the same way; a subgraph's config.ts adds its own variables.
import { secretSchema } from '@ledgerline/identity';
import { z } from 'zod';
import { defaultDataDir } from './dataDir.js';
import { devSecret, type DevSecretName } from './devSecrets.js';
import { logLevelSchema, portSchema, unsetIfEmpty } from './loadConfig.js';

export const optionalVariable = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());

const postgresSchemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier');

/** `prefix` is USER or FINANCE: USER_SUBGRAPH_PORT, USER_DATABASE_URL, USER_DATABASE_SCHEMA. */
export function subgraphEnvironmentSchema(prefix: string, defaults: { port: number; databaseSchema: string }) {
  return z.object({
    NODE_ENV: optionalVariable(z.string()),
    HOST: z.preprocess(unsetIfEmpty, z.string().default('127.0.0.1')),
    [`${prefix}_SUBGRAPH_PORT`]: portSchema.default(defaults.port),
    DATABASE_URL: optionalVariable(z.url()),
    [`${prefix}_DATABASE_URL`]: optionalVariable(z.url()),
    [`${prefix}_DATABASE_SCHEMA`]: z.preprocess(unsetIfEmpty, postgresSchemaName.default(defaults.databaseSchema)),
    ROUTER_SIGNING_SECRET: optionalVariable(secretSchema),
    LEDGERLINE_DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default(defaultDataDir)),
    LOG_LEVEL: logLevelSchema,
  });
}

export interface SubgraphConfig {
  production: boolean;
  host: string;
  port: number;
  databaseUrl: string;
  databaseSchema: string;
  routerSigningSecret: string;
  logLevel: string;
  dataDir: string;
}

/** Problems with the shared variables, reported together with the subgraph's own. */
export function subgraphConfigProblems(prefix: string, env: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (env[`${prefix}_DATABASE_URL`] === undefined && env['DATABASE_URL'] === undefined) {
    problems.push(`DATABASE_URL: set ${prefix}_DATABASE_URL or DATABASE_URL (npm start sets it for the embedded database)`);
  }
  if (env['NODE_ENV'] === 'production' && env['ROUTER_SIGNING_SECRET'] === undefined) {
    problems.push('ROUTER_SIGNING_SECRET: required in production');
  }
  return problems;
}

export function subgraphConfigFrom(prefix: string, env: Record<string, unknown>, warn: (m: string) => void): SubgraphConfig {
  const dataDir = env['LEDGERLINE_DATA_DIR'] as string;
  return {
    production: env['NODE_ENV'] === 'production',
    host: env['HOST'] as string,
    port: env[`${prefix}_SUBGRAPH_PORT`] as number,
    databaseUrl: (env[`${prefix}_DATABASE_URL`] ?? env['DATABASE_URL']) as string,
    databaseSchema: env[`${prefix}_DATABASE_SCHEMA`] as string,
    routerSigningSecret: secretOrDevSecret(env['ROUTER_SIGNING_SECRET'], 'routerSigningSecret', dataDir, warn),
    logLevel: env['LOG_LEVEL'] as string,
    dataDir,
  };
}

export function secretOrDevSecret(value: unknown, name: DevSecretName, dataDir: string, warn: (m: string) => void): string {
  return typeof value === 'string' ? value : devSecret(name, dataDir, warn);
}
