import { readFileSync } from 'node:fs';
import { financeContractDefinition } from '@ledgerline/proto';
import {
  createGrpcServer,
  createSubgraphServer,
  serviceMetrics,
  type GrpcCallMetrics,
  type GrpcServer,
  type Logger,
  type SubgraphServices,
} from '@ledgerline/service-runtime';
import { migrationsAppliedCheck } from '@ledgerline/prisma/migration-status';
import { OperationTypeNode, parse } from 'graphql';
import type { FinanceSubgraphConfig } from './config.js';
import type { FinanceDatabase } from './db.js';
import { allOf, localGroupEventFeed, redisGroupEventPublisher, type LocalGroupEventFeed } from './groups/groupEventPublishers.js';
import { groupEventService } from './groups/groupEventService.js';
import { idempotentWrites, sweepExpiredKeys } from './idempotentWrites.js';
import { startOutboxRelay } from './groups/outboxRelay.js';
import { outboxMetrics } from './groups/outboxMetrics.js';
import { recordErasureService } from './recordErasureService.js';
import { financeSubgraphResolvers } from './resolvers/index.js';
import type { EventAnnouncer } from './groups/outboxRelay.js';
import { userServiceTokenChecks } from '@ledgerline/service-runtime';

export const financeSubgraphTypeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** This service's name in the credentials it presents to other services. */
export const FINANCE_SERVICE_NAME = 'ledgerline-finance';

/** What the gRPC services need of the group events: the feed that streams follow, the relay to wake. */
export interface GroupEventParts {
  feed: LocalGroupEventFeed;
  relay: EventAnnouncer;
}

/** The Finance service's gRPC server, not yet listening; its calls are timed into `calls`. */
export function financeGrpcServer(
  config: FinanceSubgraphConfig,
  db: FinanceDatabase,
  events: GroupEventParts,
  log: Logger,
  calls: GrpcCallMetrics,
): GrpcServer {
  return createGrpcServer({
    services: [
      recordErasureService(db, events.relay, config.serviceSigningSecret, log),
      groupEventService(events.feed, config.serviceSigningSecret, log),
    ],
    contracts: financeContractDefinition,
    calls,
    log,
    maxConnectionAgeMs: config.grpcMaxConnectionAgeMs,
  });
}

export interface FinanceServices extends SubgraphServices {
  groupEvents: GroupEventParts;
}

export async function buildFinanceSubgraph(config: FinanceSubgraphConfig, db: FinanceDatabase, log: Logger): Promise<FinanceServices> {
  const self = { name: FINANCE_SERVICE_NAME, secret: config.serviceSigningSecret };
  const metrics = serviceMetrics();
  const tokens = userServiceTokenChecks(config.userGrpcAddress, self, config.tokenCheckCacheMs, metrics.grpcCalls);
  const feed = localGroupEventFeed();
  const publisher = config.redisUrl === undefined ? feed : allOf([feed, redisGroupEventPublisher(config.redisUrl, config.redisKeyPrefix)]);
  const relaySettings = { pollMs: config.outboxPollMs, retentionMs: config.groupEventRetentionMs };
  const relay = startOutboxRelay(db, publisher, relaySettings, log, outboxMetrics(metrics.registry, db).published);
  const grpc = financeGrpcServer(config, db, { feed, relay }, log, metrics.grpcCalls);
  const writes = idempotentWrites(db, config.idempotencyKeyRetentionMs);
  const stopSweeping = sweepExpiredKeys(writes, log);
  const http = await createSubgraphServer({
    typeDefs: financeSubgraphTypeDefs,
    resolvers: financeSubgraphResolvers(db, tokens, relay, writes.run),
    routerSigningSecret: config.routerSigningSecret,
    // A mutation asks the User service afresh, so a revoked token writes nothing; a query may go on
    // its answer of the last few seconds. (Inserts ask once more: liveOwnerWrites.ts.)
    admitCaller: (caller, operation, deadline) =>
      tokens.assertLive(caller, operation === OperationTypeNode.MUTATION ? 'fresh' : 'cached', deadline),
    readinessChecks: [
      { name: 'database', check: async () => void (await db.$queryRaw`SELECT 1`) },
      migrationsAppliedCheck('finance', db.pool, db.schema),
      grpc.readiness,
    ],
    metrics: metrics.registry,
    log,
  });
  return {
    http,
    grpc,
    metrics,
    groupEvents: { feed, relay },
    stopBackgroundWork: async () => {
      tokens.close();
      await stopSweeping();
      await relay.stop();
      await publisher.close();
    },
  };
}
