import { readFileSync } from 'node:fs';
import { userContractDefinition } from '@ledgerline/proto';
import {
  createGrpcServer,
  createSubgraphServer,
  refusedToken,
  serviceMetrics,
  type GrpcCallMetrics,
  type GrpcServer,
  type Logger,
  type SubgraphServices,
} from '@ledgerline/service-runtime';
import { migrationsAppliedCheck } from '@ledgerline/prisma/migration-status';
import { parse } from 'graphql';
import { startPendingDeletionRetries } from './accountDeletion.js';
import { accountRevocations, type AccountRevocationFollowers, type AccountRevocations } from './accountRevocations.js';
import { accountService } from './accountService.js';
import type { UserSubgraphConfig } from './config.js';
import type { UserDatabase } from './db.js';
import { financeRecordErasure, type RecordErasure } from './financeErasure.js';
import { userSubgraphResolvers } from './resolvers/index.js';
import { limitPasswordHashing } from './passwords.js';
import { startRevokedSessionSweeps } from './revokedSessionSweep.js';
import { requestUsers } from './requestUsers.js';
import { tokenCheckOf } from './tokenChecks.js';

export const userSubgraphTypeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** This service's name in the credentials it presents to other services. */
export const USER_SERVICE_NAME = 'ledgerline-user';

/** Followers of a server that announces nothing (tests of CheckToken alone). */
const NO_REVOCATIONS: AccountRevocationFollowers = { follow: () => () => undefined };

/** The User service's gRPC server, not yet listening; its revocation streams follow `revocations`, its calls are timed into `calls`. */
export function userGrpcServer(
  config: UserSubgraphConfig,
  db: UserDatabase,
  log: Logger,
  calls: GrpcCallMetrics,
  revocations: AccountRevocationFollowers = NO_REVOCATIONS,
): GrpcServer {
  return createGrpcServer({
    services: [accountService(db, revocations, config.serviceSigningSecret, log)],
    contracts: userContractDefinition,
    calls,
    log,
    maxConnectionAgeMs: config.grpcMaxConnectionAgeMs,
  });
}

export interface UserServices extends SubgraphServices {
  /** Where revocations are announced and followed: a new gRPC server (after a restart) follows the same. */
  accountRevocations: AccountRevocations;
}

export async function buildUserSubgraph(
  config: UserSubgraphConfig,
  db: UserDatabase,
  log: Logger,
  /** How deletions reach Finance; its gRPC client by default. */
  givenErasure?: RecordErasure,
): Promise<UserServices> {
  limitPasswordHashing(config.passwordHashing);
  const metrics = serviceMetrics();
  const self = { name: USER_SERVICE_NAME, secret: config.serviceSigningSecret };
  const erasure = givenErasure ?? financeRecordErasure(config.financeGrpcAddress, self, metrics.grpcCalls);
  const revocations = accountRevocations(config.redisUrl, config.redisKeyPrefix, log);
  const grpc = userGrpcServer(config, db, log, metrics.grpcCalls, revocations);
  const http = await createSubgraphServer({
    typeDefs: userSubgraphTypeDefs,
    resolvers: userSubgraphResolvers(db, { secret: config.jwtSecret, ttlSeconds: config.jwtTtlSeconds }, erasure, revocations),
    routerSigningSecret: config.routerSigningSecret,
    admitCaller: async (caller, _operation, _deadline, context) => {
      const { status, user } = await tokenCheckOf(db, caller);
      if (status !== 'active') throw refusedToken(status);
      // The caller's own account, just read: `me` answers from it without reading it again.
      if (user !== null) requestUsers(db, context).prime(user.id, user);
    },
    readinessChecks: [
      { name: 'database', check: async () => void (await db.$queryRaw`SELECT 1`) },
      migrationsAppliedCheck('user', db.pool, db.schema),
      grpc.readiness,
    ],
    metrics: metrics.registry,
    log,
  });
  const stopRetries = startPendingDeletionRetries(db, erasure, log, config.accountDeletionRetryMs);
  const stopSweeps = startRevokedSessionSweeps(db, log, config.revokedSessionSweepMs);
  return {
    http,
    grpc,
    metrics,
    accountRevocations: revocations,
    stopBackgroundWork: async () => {
      await Promise.all([stopRetries(), stopSweeps()]);
      erasure.close();
      await revocations.close();
    },
  };
}
