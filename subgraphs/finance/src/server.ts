import { readFileSync } from 'node:fs';
import { financeContractDefinition } from '@ledgerline/proto';
import { createGrpcServer, createSubgraphServer, type GrpcServer, type Logger, type SubgraphServices } from '@ledgerline/service-runtime';
import { OperationTypeNode, parse } from 'graphql';
import type { FinanceSubgraphConfig } from './config.js';
import type { FinanceDatabase } from './db.js';
import { recordErasureService } from './recordErasureService.js';
import { financeSubgraphResolvers } from './resolvers/index.js';
import { userServiceTokenChecks } from './tokenChecks.js';

export const financeSubgraphTypeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** This service's name in the credentials it presents to other services. */
export const FINANCE_SERVICE_NAME = 'ledgerline-finance';

/** The Finance service's gRPC server, not yet listening. */
export function financeGrpcServer(config: FinanceSubgraphConfig, db: FinanceDatabase, log: Logger): GrpcServer {
  return createGrpcServer({
    services: [recordErasureService(db, config.serviceSigningSecret, log)],
    contracts: financeContractDefinition,
    log,
  });
}

export async function buildFinanceSubgraph(config: FinanceSubgraphConfig, db: FinanceDatabase, log: Logger): Promise<SubgraphServices> {
  const self = { name: FINANCE_SERVICE_NAME, secret: config.serviceSigningSecret };
  const tokens = userServiceTokenChecks(config.userGrpcAddress, self, config.tokenCheckCacheMs);
  const grpc = financeGrpcServer(config, db, log);
  const http = await createSubgraphServer({
    typeDefs: financeSubgraphTypeDefs,
    resolvers: financeSubgraphResolvers(db, tokens),
    routerSigningSecret: config.routerSigningSecret,
    // A mutation asks the User service afresh, so a revoked token writes nothing; a query may go on
    // its answer of the last few seconds. (Inserts ask once more: liveOwnerWrites.ts.)
    admitCaller: (caller, operation) => tokens.assertLive(caller, operation === OperationTypeNode.MUTATION ? 'fresh' : 'cached'),
    readinessChecks: [{ name: 'database', check: async () => void (await db.$queryRaw`SELECT 1`) }, grpc.readiness],
    log,
  });
  return { http, grpc, stopBackgroundWork: () => Promise.resolve(tokens.close()) };
}
