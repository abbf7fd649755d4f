import { readFileSync } from 'node:fs';
import { createSubgraphServer, type Logger, type SubgraphServer } from '@ledgerline/service-runtime';
import { parse } from 'graphql';
import type { UserSubgraphConfig } from './config.js';
import type { UserDatabase } from './db.js';
import { userSubgraphResolvers } from './resolvers/index.js';

export const userSubgraphTypeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

export function buildUserSubgraph(config: UserSubgraphConfig, db: UserDatabase, log: Logger): Promise<SubgraphServer> {
  return createSubgraphServer({
    typeDefs: userSubgraphTypeDefs,
    resolvers: userSubgraphResolvers(db, { secret: config.jwtSecret, ttlSeconds: config.jwtTtlSeconds }),
    routerSigningSecret: config.routerSigningSecret,
    readinessChecks: [{ name: 'database', check: async () => void (await db.$queryRaw`SELECT 1`) }],
    log,
  });
}
