import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { exitReportOf, reportedProblems } from '../../../test/support/configTesting.js';
import { readConfig } from '../src/config.js';

const SIGNING_SECRET = 's'.repeat(32);
const JWT_SECRET = 'j'.repeat(32);
const SERVICE_SIGNING_SECRET = 'g'.repeat(32);
const DATABASE_URL = 'postgresql://ledgerline@localhost:5432/ledgerline';
const SECRET_REQUIRED =
  'required: set it (openssl rand -base64 32), or start the whole stack with npm start, which generates development secrets';

/** What a developer's shell might hold: a database and the secrets. */
const devEnvironment = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  DATABASE_URL,
  ROUTER_SIGNING_SECRET: SIGNING_SECRET,
  SERVICE_SIGNING_SECRET,
  JWT_SECRET,
  ...env,
});

const problemsWith = (env: NodeJS.ProcessEnv) => reportedProblems(exitReportOf(() => readConfig(env)));

describe('user subgraph configuration', () => {
  it('listens on 127.0.0.1:4001, uses the users schema and issues hour-long tokens by default', () => {
    const env = devEnvironment();
    expect(readConfig(env)).toEqual({
      production: false,
      host: '127.0.0.1',
      port: 4001,
      grpcPort: 50051,
      grpcMaxConnectionAgeMs: 300_000,
      metricsPort: 9465,
      databaseUrl: DATABASE_URL,
      databaseSchema: 'users',
      routerSigningSecret: SIGNING_SECRET,
      serviceSigningSecret: SERVICE_SIGNING_SECRET,
      logLevel: 'info',
      tracing: null,
      jwtSecret: JWT_SECRET,
      jwtTtlSeconds: 3600,
      financeGrpcAddress: '127.0.0.1:50052',
      accountDeletionRetryMs: 30_000,
      revokedSessionSweepMs: 600_000,
      redisKeyPrefix: 'ledgerline:',
      passwordHashing: { concurrency: availableParallelism(), queueLength: 16 },
    });
  });

  it('reads its own variables', () => {
    const config = readConfig(
      devEnvironment({
        USER_SUBGRAPH_PORT: '5001',
        USER_DATABASE_SCHEMA: 'accounts',
        JWT_TTL_SECONDS: '600',
        USER_GRPC_PORT: '6001',
        FINANCE_GRPC_ADDRESS: 'finance:6002',
        ACCOUNT_DELETION_RETRY_MS: '5000',
        REVOKED_SESSION_SWEEP_MS: '60000',
        REDIS_URL: 'redis://redis:6379',
        PASSWORD_HASH_CONCURRENCY: '3',
        PASSWORD_HASH_QUEUE_LENGTH: '0',
      }),
    );
    expect(config).toMatchObject({
      passwordHashing: { concurrency: 3, queueLength: 0 },
      port: 5001,
      databaseSchema: 'accounts',
      jwtTtlSeconds: 600,
      grpcPort: 6001,
      financeGrpcAddress: 'finance:6002',
      accountDeletionRetryMs: 5000,
      revokedSessionSweepMs: 60_000,
      redisUrl: 'redis://redis:6379',
    });
  });

  it('announces account revocations without Redis when REDIS_URL is unset or empty, and refuses one that is not a URL', () => {
    expect(readConfig(devEnvironment()).redisUrl).toBeUndefined();
    expect(readConfig(devEnvironment({ REDIS_URL: '' })).redisUrl).toBeUndefined();
    expect(problemsWith(devEnvironment({ REDIS_URL: 'redis' })).map((line) => line.split(':')[0])).toEqual(['REDIS_URL']);
  });

  it("keeps its Redis channels under REDIS_KEY_PREFIX ('ledgerline:' by default), refusing a prefix with spaces or of over 64 characters", () => {
    expect(readConfig(devEnvironment()).redisKeyPrefix).toBe('ledgerline:');
    expect(readConfig(devEnvironment({ REDIS_KEY_PREFIX: 'staging:' })).redisKeyPrefix).toBe('staging:');
    for (const bad of ['has space:', 'x'.repeat(65)])
      expect(problemsWith(devEnvironment({ REDIS_KEY_PREFIX: bad })).map((line) => line.split(':')[0])).toEqual(['REDIS_KEY_PREFIX']);
  });

  it.each(['finance', 'http://finance:50052', 'finance:port'])(
    'refuses a Finance gRPC address of %j, saying it must be host:port',
    (address) => {
      expect(problemsWith(devEnvironment({ FINANCE_GRPC_ADDRESS: address }))).toEqual([
        'FINANCE_GRPC_ADDRESS: must be host:port, e.g. 127.0.0.1:50051',
      ]);
    },
  );

  it('prefers USER_DATABASE_URL to DATABASE_URL, and needs only one of them', () => {
    const own = 'postgresql://users@db:5432/users';
    expect(readConfig(devEnvironment({ USER_DATABASE_URL: own })).databaseUrl).toBe(own);
    expect(readConfig(devEnvironment({ USER_DATABASE_URL: own, DATABASE_URL: undefined })).databaseUrl).toBe(own);
    expect(readConfig(devEnvironment({ USER_DATABASE_URL: '' })).databaseUrl).toBe(DATABASE_URL);
  });

  it('reports a missing database URL, and exits with status 1', () => {
    const report = exitReportOf(() => readConfig(devEnvironment({ DATABASE_URL: undefined })));
    expect(report.exitCode).toBe(1);
    expect(report.stderr.split('\n')[0]).toBe('user-subgraph: invalid configuration');
    expect(reportedProblems(report)).toEqual([
      'DATABASE_URL: set USER_DATABASE_URL or DATABASE_URL (npm start sets it for the embedded database)',
    ]);
  });

  it.each([undefined, 'development', 'production'])(
    'refuses to start without its three secrets (NODE_ENV=%s), naming each and how to get one, with every other problem',
    (nodeEnv) => {
      const env = devEnvironment({
        NODE_ENV: nodeEnv,
        ROUTER_SIGNING_SECRET: undefined,
        SERVICE_SIGNING_SECRET: undefined,
        JWT_SECRET: '',
        DATABASE_URL: undefined,
      });
      expect(problemsWith(env)).toEqual([
        `ROUTER_SIGNING_SECRET: ${SECRET_REQUIRED}`,
        `SERVICE_SIGNING_SECRET: ${SECRET_REQUIRED}`,
        `JWT_SECRET: ${SECRET_REQUIRED}`,
        'DATABASE_URL: set USER_DATABASE_URL or DATABASE_URL (npm start sets it for the embedded database)',
      ]);
      expect(problemsWith(devEnvironment({ NODE_ENV: nodeEnv, JWT_SECRET: undefined }))).toEqual([`JWT_SECRET: ${SECRET_REQUIRED}`]);
    },
  );

  it('runs in production with its secrets given', () => {
    expect(readConfig(devEnvironment({ NODE_ENV: 'production' })).production).toBe(true);
  });

  it.each(['60', '2592000'])('accepts a token lifetime of %s seconds', (ttl) => {
    expect(readConfig(devEnvironment({ JWT_TTL_SECONDS: ttl })).jwtTtlSeconds).toBe(Number(ttl));
  });

  it.each(['59', '2592001', '90.5', 'an hour'])('refuses a token lifetime of %j seconds', (ttl) => {
    expect(problemsWith(devEnvironment({ JWT_TTL_SECONDS: ttl })).map((line) => line.split(':')[0])).toEqual(['JWT_TTL_SECONDS']);
  });

  it('refuses a JWT secret shorter than 32 characters', () => {
    expect(problemsWith(devEnvironment({ JWT_SECRET: 'j'.repeat(31) }))).toEqual(['JWT_SECRET: must be at least 32 characters']);
  });
});
