// Every environment variable the Finance subgraph reads, validated once at start.
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

const environmentVariables = z.object({
  ...subgraphVariables,
  FINANCE_SUBGRAPH_PORT: portVariable(4002),
  FINANCE_GRPC_PORT: portVariable(50052),
  /** GET /metrics (Prometheus), on a port no ingress routes. */
  FINANCE_METRICS_PORT: portVariable(9466),
  USER_GRPC_ADDRESS: grpcAddressVariable('127.0.0.1:50051'),
  /** How long a read may rely on the User service's last word on a token; writes always ask. */
  TOKEN_CHECK_CACHE_MS: variableWithDefault(z.coerce.number().int().min(0).max(5_000), 2_000),
  /** With it, group events go out on Redis pub/sub to every router; without, over the gRPC stream only. */
  REDIS_URL: optionalVariable(z.url()),
  REDIS_KEY_PREFIX: redisKeyPrefixVariable,
  /** How long contribution events stay in the log that a subscription's `since` replays from. */
  GROUP_EVENT_RETENTION_HOURS: variableWithDefault(
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 366),
    24 * 7,
  ),
  /** How long a write's Idempotency-Key is kept: a retry within it is answered as the first was. */
  IDEMPOTENCY_KEY_RETENTION_HOURS: variableWithDefault(
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 31),
    24,
  ),
  /** How often the outbox relay looks for events nobody announced (a crash, another replica). */
  OUTBOX_POLL_MS: variableWithDefault(z.coerce.number().int().min(20).max(60_000), 500),
  FINANCE_DATABASE_URL: optionalVariable(z.url()),
  FINANCE_DATABASE_SCHEMA: databaseSchemaVariable('finance'),
});

const environmentSchema = environmentVariables.transform((env, context) => {
  const secrets = requiredSecrets(env, ['ROUTER_SIGNING_SECRET', 'SERVICE_SIGNING_SECRET'], context);
  const own = { name: 'FINANCE_DATABASE_URL', value: env.FINANCE_DATABASE_URL };
  return { ...env, ...secrets, databaseUrl: databaseUrlOf(own, env.DATABASE_URL, context) };
});

export interface FinanceSubgraphConfig extends SubgraphConfig {
  userGrpcAddress: string;
  tokenCheckCacheMs: number;
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  groupEventRetentionMs: number;
  idempotencyKeyRetentionMs: number;
  outboxPollMs: number;
}

export function readConfig(env: NodeJS.ProcessEnv): FinanceSubgraphConfig {
  const parsed = loadConfig('finance-subgraph', environmentSchema, env);
  const own = {
    port: parsed.FINANCE_SUBGRAPH_PORT,
    grpcPort: parsed.FINANCE_GRPC_PORT,
    metricsPort: parsed.FINANCE_METRICS_PORT,
    databaseUrl: parsed.databaseUrl,
    databaseSchema: parsed.FINANCE_DATABASE_SCHEMA,
  };
  return {
    ...subgraphConfigFrom(parsed, own),
    userGrpcAddress: parsed.USER_GRPC_ADDRESS,
    tokenCheckCacheMs: parsed.TOKEN_CHECK_CACHE_MS,
    redisUrl: parsed.REDIS_URL,
    redisKeyPrefix: parsed.REDIS_KEY_PREFIX,
    groupEventRetentionMs: parsed.GROUP_EVENT_RETENTION_HOURS * 3_600_000,
    idempotencyKeyRetentionMs: parsed.IDEMPOTENCY_KEY_RETENTION_HOURS * 3_600_000,
    outboxPollMs: parsed.OUTBOX_POLL_MS,
  };
}

/** Every variable the Finance subgraph reads, by name: a deployment that sets another has misspelt one (test/deployment/). */
export const FINANCE_SUBGRAPH_VARIABLES: readonly string[] = Object.keys(environmentVariables.shape);

/** What start-up would refuse in `env`, one line each; empty when the Finance subgraph would start with it. */
export function financeConfigurationProblems(env: NodeJS.ProcessEnv): string[] {
  return configurationProblems(environmentSchema, env);
}
