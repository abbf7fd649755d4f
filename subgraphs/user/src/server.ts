import { readFileSync } from 'node:fs';
import { userContractDefinition } from '@ledgerline/proto';
import {
  createGrpcServer,
  createSubgraphServer,
  refusedToken,
  type GrpcServer,
  type Logger,
  type SubgraphServices,
} from '@ledgerline/service-runtime';
import { parse } from 'graphql';
import { startPendingDeletionRetries } from './accountDeletion.js';
import { accountService } from './accountService.js';
import type { UserSubgraphConfig } from './config.js';
import type { UserDatabase } from './db.js';
import { financeRecordErasure, type RecordErasure } from './financeErasure.js';
import { userSubgraphResolvers } from './resolvers/index.js';
import { tokenStatusOf } from './tokenChecks.js';

export const userSubgraphTypeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** This service's name in the credentials it presents to other services. */
export const USER_SERVICE_NAME = 'ledgerline-user';

/** The User service's gRPC server, not yet listening. */
export function userGrpcServer(config: UserSubgraphConfig, db: UserDatabase, log: Logger): GrpcServer {
  return createGrpcServer({ services: [accountService(db, config.serviceSigningSecret, log)], contracts: userContractDefinition, log });
}

export async function buildUserSubgraph(
  config: UserSubgraphConfig,
  db: UserDatabase,
  log: Logger,
  erasure: RecordErasure = financeRecordErasure(config.financeGrpcAddress, {
    name: USER_SERVICE_NAME,
    secret: config.serviceSigningSecret,
  }),
): Promise<SubgraphServices> {
  const grpc = userGrpcServer(config, db, log);
  const http = await createSubgraphServer({
    typeDefs: userSubgraphTypeDefs,
    resolvers: userSubgraphResolvers(db, { secret: config.jwtSecret, ttlSeconds: config.jwtTtlSeconds }, erasure),
    routerSigningSecret: config.routerSigningSecret,
    admitCaller: async (caller) => {
      const status = await tokenStatusOf(db, caller);
      if (status !== 'active') throw refusedToken(status);
    },
    readinessChecks: [{ name: 'database', check: async () => void (await db.$queryRaw`SELECT 1`) }, grpc.readiness],
    log,
  });
  const stopRetries = startPendingDeletionRetries(db, erasure, log, config.accountDeletionRetryMs);
  return {
    http,
    grpc,
    stopBackgroundWork: async () => {
      await stopRetries();
      erasure.close();
    },
  };
}
