import { readFileSync } from 'node:fs';
import { financeContractDefinition } from '@ledgerline/proto';
import { createGrpcServer, createSubgraphServer, type GrpcServer, type Logger, type SubgraphServices } from '@ledgerline/service-runtime';
import { OperationTypeNode, parse } from 'graphql';
import type { FinanceSubgraphConfig } from './config.js';
import type { FinanceDatabase } from './db.js';
import { allOf, localGroupEventFeed, redisGroupEventPublisher, type LocalGroupEventFeed } from './groups/groupEventPublishers.js';
import { groupEventService } from './groups/groupEventService.js';
import { idempotentWrites, sweepExpiredKeys } from './idempotentWrites.js';
import { startOutboxRelay } from './groups/outboxRelay.js';
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

/** The Finance service's gRPC server, not yet listening. */
export function financeGrpcServer(config: FinanceSubgraphConfig, db: FinanceDatabase, events: GroupEventParts, log: Logger): GrpcServer {
  return createGrpcServer({
    services: [
      recordErasureService(db, events.relay, config.serviceSigningSecret, log),
      groupEventService(events.feed, config.serviceSigningSecret, log),
    ],
    contracts: financeContractDefinition,
    log,
  });
}

export interface FinanceServices extends SubgraphServices {
  groupEvents: GroupEventParts;
}

export async function buildFinanceSubgraph(config: FinanceSubgraphConfig, db: FinanceDatabase, log: Logger): Promise<FinanceServices> {
  const self = { name: FINANCE_SERVICE_NAME, secret: config.serviceSigningSecret };
  const tokens = userServiceTokenChecks(config.userGrpcAddress, self, config.tokenCheckCacheMs);
  const feed = localGroupEventFeed();
  const publisher = config.redisUrl === undefined ? feed : allOf([feed, redisGroupEventPublisher(config.redisUrl, config.redisKeyPrefix)]);
  const relay = startOutboxRelay(db, publisher, { pollMs: config.outboxPollMs, retentionMs: config.groupEventRetentionMs }, log);
  const grpc = financeGrpcServer(config, db, { feed, relay }, log);
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
    readinessChecks: [{ name: 'database', check: async () => void (await db.$queryRaw`SELECT 1`) }, grpc.readiness],
    log,
  });
  return {
    http,
    grpc,
    groupEvents: { feed, relay },
    stopBackgroundWork: async () => {
      tokens.close();
      await stopSweeping();
      await relay.stop();
      await publisher.close();
    },
  };
}
