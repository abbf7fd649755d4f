// Every environment variable the User subgraph reads, validated once at start.
import { secretSchema } from '@ledgerline/identity';
import {
  loadConfig,
  optionalVariable,
  secretOrDevSecret,
  subgraphConfigFrom,
  subgraphConfigProblems,
  subgraphEnvironmentSchema,
  unsetIfEmpty,
  type SubgraphConfig,
} from '@ledgerline/service-runtime';
import { z } from 'zod';

const PREFIX = 'USER';

const environmentSchema = subgraphEnvironmentSchema(PREFIX, { port: 4001, databaseSchema: 'users' }).extend({
  JWT_SECRET: optionalVariable(secretSchema),
  JWT_TTL_SECONDS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(60).max(30 * 24 * 3600).default(3600)),
});

export interface UserSubgraphConfig extends SubgraphConfig {
  jwtSecret: string;
  jwtTtlSeconds: number;
}

export function readConfig(env: NodeJS.ProcessEnv, warn: (message: string) => void): UserSubgraphConfig {
  const parsed = loadConfig('user-subgraph', environmentSchema, env, (e) => [
    ...subgraphConfigProblems(PREFIX, e),
    ...(e['NODE_ENV'] === 'production' && e['JWT_SECRET'] === undefined ? ['JWT_SECRET: required in production'] : []),
  ]);
  const base = subgraphConfigFrom(PREFIX, parsed, warn);
  return {
    ...base,
    jwtSecret: secretOrDevSecret(parsed.JWT_SECRET, 'jwtSecret', base.dataDir, warn),
    jwtTtlSeconds: parsed.JWT_TTL_SECONDS as number,
  };
}
