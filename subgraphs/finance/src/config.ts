// Every environment variable the Finance subgraph reads, validated once at start.
import {
  loadConfig,
  subgraphConfigFrom,
  subgraphConfigProblems,
  subgraphEnvironmentSchema,
  type SubgraphConfig,
} from '@ledgerline/service-runtime';

const PREFIX = 'FINANCE';

const environmentSchema = subgraphEnvironmentSchema(PREFIX, { port: 4002, databaseSchema: 'finance' });

export type FinanceSubgraphConfig = SubgraphConfig;

export function readConfig(env: NodeJS.ProcessEnv, warn: (message: string) => void): FinanceSubgraphConfig {
  const parsed = loadConfig('finance-subgraph', environmentSchema, env, (e) => subgraphConfigProblems(PREFIX, e));
  return subgraphConfigFrom(PREFIX, parsed, warn);
}
