// Both subgraphs built in-process on the integration database (or a database of the test's own),
// each with its GraphQL server and its gRPC server on real loopback sockets, as `npm start` runs
// them but without processes. A test may stop either gRPC server and bring a new one up on the
// same port, as after a restart.
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createLogger, listen, type GrpcServer } from '@ledgerline/service-runtime';
import type { FinanceSubgraphConfig } from '../../subgraphs/finance/src/config.js';
import { buildFinanceSubgraph, financeGrpcServer } from '../../subgraphs/finance/src/server.js';
import type { UserSubgraphConfig } from '../../subgraphs/user/src/config.js';
import { DEFAULT_HASHING_LIMITS, type PasswordHashingLimits } from '../../subgraphs/user/src/passwordHashingSlots.js';
import { buildUserSubgraph, userGrpcServer } from '../../subgraphs/user/src/server.js';
import { freePort } from './freePort.js';
import { dropRedisNamespace } from './redisNamespace.js';
import { freshStackSecrets } from './stackSecrets.js';
import { SCHEMAS } from './integrationSetup.js';
import { inject } from 'vitest';
import { createFinanceDatabase, type FinanceDatabase } from '../../subgraphs/finance/src/db.js';
import { createUserDatabase, type UserDatabase } from '../../subgraphs/user/src/db.js';
import { financeDatabase, userDatabase } from './serviceDatabases.js';

export interface InProcessSubgraphs {
  userUrl: string;
  financeUrl: string;
  secrets: { jwtSecret: string; routerSigningSecret: string; serviceSigningSecret: string };
  userGrpcAddress: string;
  financeGrpcAddress: string;
  /** The services' own database clients, for a test to look at or set up what the API cannot. */
  databases: { user: UserDatabase; finance: FinanceDatabase };
  /** The Redis key prefix of this stack of its own, so stacks sharing one Redis never hear each other. */
  redisKeyPrefix: string;
  /** Drains and stops the gRPC server; the service's GraphQL side keeps running. */
  stopGrpc(service: 'user' | 'finance'): Promise<void>;
  /** A new gRPC server for the service, on the port the stopped one had. */
  startGrpc(service: 'user' | 'finance'): Promise<void>;
  stop(): Promise<void>;
}

const log = createLogger('in-process-subgraphs', 'silent');

/** Clients of schemas or a database of the test's own (freshSchemas.ts, privatePostgresCluster.ts), closed when the subgraphs stop. */
function ownDatabases(url: string, schemas: { user: string; finance: string }) {
  return { user: createUserDatabase(url, schemas.user), finance: createFinanceDatabase(url, schemas.finance), own: true as const };
}

export interface InProcessOptions {
  accountDeletionRetryMs?: number;
  /** Each service's database schema; the shared integration schemas by default. */
  schemas?: { user: string; finance: string };
  /** The database those schemas are on, migrated; the run's database (inject('databaseUrl')) by default. */
  databaseUrl?: string;
  /** Group events and account revocations also go out on this Redis; without it, over the gRPC streams only. */
  redisUrl?: string;
  /** The User service's bound on password hashing (PASSWORD_HASH_CONCURRENCY, PASSWORD_HASH_QUEUE_LENGTH); its defaults otherwise. */
  passwordHashing?: PasswordHashingLimits;
}

export async function startSubgraphsInProcess(options: InProcessOptions = {}): Promise<InProcessSubgraphs> {
  const schemas = options.schemas ?? SCHEMAS;
  const databases: InProcessSubgraphs['databases'] & { own?: true } =
    options.schemas === undefined && options.databaseUrl === undefined
      ? { user: userDatabase(), finance: financeDatabase() }
      : ownDatabases(options.databaseUrl ?? inject('databaseUrl'), schemas);
  const fresh = freshStackSecrets();
  const secrets = {
    jwtSecret: fresh.JWT_SECRET,
    routerSigningSecret: fresh.ROUTER_SIGNING_SECRET,
    serviceSigningSecret: fresh.SERVICE_SIGNING_SECRET,
  };
  const grpcPorts = { user: await freePort(), finance: await freePort() };
  const grpcAddresses = { user: `127.0.0.1:${grpcPorts.user}`, finance: `127.0.0.1:${grpcPorts.finance}` };
  const redisKeyPrefix = `ledgerline-test-${randomBytes(6).toString('hex')}:`;
  const base = {
    production: false,
    host: '127.0.0.1',
    port: 0,
    metricsPort: 0,
    grpcMaxConnectionAgeMs: 300_000,
    databaseUrl: '',
    logLevel: 'silent',
    tracing: null,
    ...secrets,
    redisKeyPrefix,
  };
  const userConfig: UserSubgraphConfig = {
    ...base,
    grpcPort: grpcPorts.user,
    databaseSchema: schemas.user,
    jwtTtlSeconds: 600,
    financeGrpcAddress: grpcAddresses.finance,
    accountDeletionRetryMs: options.accountDeletionRetryMs ?? 60_000,
    revokedSessionSweepMs: 600_000,
    redisUrl: options.redisUrl,
    passwordHashing: options.passwordHashing ?? DEFAULT_HASHING_LIMITS,
  };
  const financeConfig: FinanceSubgraphConfig = {
    ...base,
    grpcPort: grpcPorts.finance,
    databaseSchema: schemas.finance,
    userGrpcAddress: grpcAddresses.user,
    tokenCheckCacheMs: 2_000,
    redisUrl: options.redisUrl,
    groupEventRetentionMs: 3_600_000,
    idempotencyKeyRetentionMs: 3_600_000,
    outboxPollMs: 1_000,
  };
  const user = await buildUserSubgraph(userConfig, databases.user, log);
  const finance = await buildFinanceSubgraph(financeConfig, databases.finance, log);
  const grpcServers: Record<'user' | 'finance', GrpcServer> = { user: user.grpc, finance: finance.grpc };
  const newGrpcServer = {
    user: () => userGrpcServer(userConfig, databases.user, log, user.metrics.grpcCalls, user.accountRevocations),
    finance: () => financeGrpcServer(financeConfig, databases.finance, finance.groupEvents, log, finance.metrics.grpcCalls),
  };
  const httpUrls: string[] = [];
  for (const services of [user, finance]) {
    await listen(services.http.httpServer, 0, '127.0.0.1');
    httpUrls.push(`http://127.0.0.1:${(services.http.httpServer.address() as AddressInfo).port}/graphql`);
  }
  await Promise.all([user.grpc.listen('127.0.0.1', grpcPorts.user), finance.grpc.listen('127.0.0.1', grpcPorts.finance)]);
  const running = new Set<'user' | 'finance'>(['user', 'finance']);

  return {
    userUrl: httpUrls[0]!,
    financeUrl: httpUrls[1]!,
    secrets,
    userGrpcAddress: grpcAddresses.user,
    financeGrpcAddress: grpcAddresses.finance,
    databases,
    redisKeyPrefix,
    async stopGrpc(service) {
      running.delete(service);
      await grpcServers[service].drain(0, 1_000);
    },
    async startGrpc(service) {
      grpcServers[service] = newGrpcServer[service]();
      await grpcServers[service].listen('127.0.0.1', grpcPorts[service]);
      running.add(service);
    },
    async stop() {
      await Promise.all([user.stopBackgroundWork?.(), finance.stopBackgroundWork?.()]);
      await Promise.all([user.http.stop(), finance.http.stop(), ...[...running].map((service) => grpcServers[service].drain(0, 1_000))]);
      if (databases.own) await Promise.all([databases.user.$disconnect(), databases.finance.$disconnect()]);
      // What the services, and a router in front of them, wrote under this stack's prefix.
      if (options.redisUrl !== undefined) await dropRedisNamespace(options.redisUrl, redisKeyPrefix);
    },
  };
}
