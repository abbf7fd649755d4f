// Every environment variable the Finance subgraph reads, validated once at start.
import {
  databaseSchemaVariable,
  databaseUrlOf,
  loadConfig,
  optionalVariable,
  portVariable,
  requireInProduction,
  subgraphConfigFrom,
  subgraphVariables,
  type SubgraphConfig,
} from '@ledgerline/service-runtime';
import { z } from 'zod';

const environmentSchema = z
  .object({
    ...subgraphVariables,
    FINANCE_SUBGRAPH_PORT: portVariable(4002),
    FINANCE_DATABASE_URL: optionalVariable(z.url()),
    FINANCE_DATABASE_SCHEMA: databaseSchemaVariable('finance'),
  })
  .transform((env, context) => {
    requireInProduction(env, ['ROUTER_SIGNING_SECRET'], context);
    const own = { name: 'FINANCE_DATABASE_URL', value: env.FINANCE_DATABASE_URL };
    return { ...env, databaseUrl: databaseUrlOf(own, env.DATABASE_URL, context) };
  });

export type FinanceSubgraphConfig = SubgraphConfig;

export function readConfig(env: NodeJS.ProcessEnv, warn: (message: string) => void): FinanceSubgraphConfig {
  const parsed = loadConfig('finance-subgraph', environmentSchema, env);
  const own = { port: parsed.FINANCE_SUBGRAPH_PORT, databaseUrl: parsed.databaseUrl, databaseSchema: parsed.FINANCE_DATABASE_SCHEMA };
  return subgraphConfigFrom(parsed, own, warn);
}
