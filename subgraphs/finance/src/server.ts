import { readFileSync } from 'node:fs';
import { createSubgraphServer, type Logger, type SubgraphServer } from '@ledgerline/service-runtime';
import { parse } from 'graphql';
import type { FinanceSubgraphConfig } from './config.js';
import type { FinanceDatabase } from './db.js';
import { financeSubgraphResolvers } from './resolvers/index.js';

export const financeSubgraphTypeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

export function buildFinanceSubgraph(config: FinanceSubgraphConfig, db: FinanceDatabase, log: Logger): Promise<SubgraphServer> {
  return createSubgraphServer({
    typeDefs: financeSubgraphTypeDefs,
    resolvers: financeSubgraphResolvers(db),
    routerSigningSecret: config.routerSigningSecret,
    readinessChecks: [{ name: 'database', check: async () => void (await db.$queryRaw`SELECT 1`) }],
    log,
  });
}
