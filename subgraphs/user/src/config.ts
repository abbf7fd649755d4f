// Every environment variable the User subgraph reads, validated once at start.
import { secretSchema } from '@ledgerline/identity';
import {
  configurationProblems,
  databaseSchemaVariable,
  databaseUrlOf,
  grpcAddressVariable,
  loadConfig,
  optionalVariable,
  portVariable,
  redisKeyPrefixVariable,
  requiredSecrets,
  subgraphConfigFrom,
  subgraphVariables,
  variableWithDefault,
  type SubgraphConfig,
} from '@ledgerline/service-runtime';
import { z } from 'zod';
import { DEFAULT_HASHING_LIMITS, type PasswordHashingLimits } from './passwordHashingSlots.js';

const environmentVariables = z.object({
  ...subgraphVariables,
  USER_SUBGRAPH_PORT: portVariable(4001),
  USER_GRPC_PORT: portVariable(50051),
  /** GET /metrics (Prometheus), on a port no ingress routes. */
  USER_METRICS_PORT: portVariable(9465),
  FINANCE_GRPC_ADDRESS: grpcAddressVariable('127.0.0.1:50052'),
  /** How often deletions left pending (Finance was unreachable) are tried again. */
  ACCOUNT_DELETION_RETRY_MS: variableWithDefault(z.coerce.number().int().min(100).max(3_600_000), 30_000),
  /** How often logged-out sessions whose tokens have all expired are removed from the database. */
  REVOKED_SESSION_SWEEP_MS: variableWithDefault(z.coerce.number().int().min(1_000).max(86_400_000), 600_000),
  /** With it, account revocations also go out on Redis pub/sub to every router; without, over the gRPC stream only. */
  REDIS_URL: optionalVariable(z.url()),
  REDIS_KEY_PREFIX: redisKeyPrefixVariable,
  USER_DATABASE_URL: optionalVariable(z.url()),
  USER_DATABASE_SCHEMA: databaseSchemaVariable('users'),
  JWT_SECRET: optionalVariable(secretSchema),
  /** Password hashes computed at once (register, login, account deletion); about the number of cores. */
  PASSWORD_HASH_CONCURRENCY: variableWithDefault(z.coerce.number().int().min(1).max(256), DEFAULT_HASHING_LIMITS.concurrency),
  /** Password hashes that may wait for one of those; more are answered SERVICE_BUSY at once. */
  PASSWORD_HASH_QUEUE_LENGTH: variableWithDefault(z.coerce.number().int().min(0).max(10_000), DEFAULT_HASHING_LIMITS.queueLength),
  JWT_TTL_SECONDS: variableWithDefault(
    z.coerce
      .number()
      .int()
      .min(60)
      .max(30 * 24 * 3600),
    3600,
  ),
});

const environmentSchema = environmentVariables.transform((env, context) => {
  const secrets = requiredSecrets(env, ['ROUTER_SIGNING_SECRET', 'SERVICE_SIGNING_SECRET', 'JWT_SECRET'], context);
  const own = { name: 'USER_DATABASE_URL', value: env.USER_DATABASE_URL };
  return { ...env, ...secrets, databaseUrl: databaseUrlOf(own, env.DATABASE_URL, context) };
});

export interface UserSubgraphConfig extends SubgraphConfig {
  jwtSecret: string;
  jwtTtlSeconds: number;
  financeGrpcAddress: string;
  accountDeletionRetryMs: number;
  revokedSessionSweepMs: number;
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  passwordHashing: PasswordHashingLimits;
}

export function readConfig(env: NodeJS.ProcessEnv): UserSubgraphConfig {
  const parsed = loadConfig('user-subgraph', environmentSchema, env);
  const own = {
    port: parsed.USER_SUBGRAPH_PORT,
    grpcPort: parsed.USER_GRPC_PORT,
    metricsPort: parsed.USER_METRICS_PORT,
    databaseUrl: parsed.databaseUrl,
    databaseSchema: parsed.USER_DATABASE_SCHEMA,
  };
  return {
    ...subgraphConfigFrom(parsed, own),
    jwtSecret: parsed.JWT_SECRET,
    jwtTtlSeconds: parsed.JWT_TTL_SECONDS,
    financeGrpcAddress: parsed.FINANCE_GRPC_ADDRESS,
    accountDeletionRetryMs: parsed.ACCOUNT_DELETION_RETRY_MS,
    revokedSessionSweepMs: parsed.REVOKED_SESSION_SWEEP_MS,
    redisUrl: parsed.REDIS_URL,
    redisKeyPrefix: parsed.REDIS_KEY_PREFIX,
    passwordHashing: { concurrency: parsed.PASSWORD_HASH_CONCURRENCY, queueLength: parsed.PASSWORD_HASH_QUEUE_LENGTH },
  };
}

/** Every variable the User subgraph reads, by name: a deployment that sets another has misspelt one (test/deployment/). */
export const USER_SUBGRAPH_VARIABLES: readonly string[] = Object.keys(environmentVariables.shape);

/** What start-up would refuse in `env`, one line each; empty when the User subgraph would start with it. */
export function userConfigurationProblems(env: NodeJS.ProcessEnv): string[] {
  return configurationProblems(environmentSchema, env);
}
