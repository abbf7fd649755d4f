import { describe, expect, it } from 'vitest';
import { exitReportOf, reportedProblems } from '../../../test/support/configTesting.js';
import { readConfig } from '../src/config.js';

const SIGNING_SECRET = 's'.repeat(32);
const SERVICE_SIGNING_SECRET = 'g'.repeat(32);
const DATABASE_URL = 'postgresql://ledgerline@localhost:5432/ledgerline';
const SECRET_REQUIRED =
  'required: set it (openssl rand -base64 32), or start the whole stack with npm start, which generates development secrets';

/** What a developer's shell might hold: a database and the secrets. */
const devEnvironment = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  DATABASE_URL,
  ROUTER_SIGNING_SECRET: SIGNING_SECRET,
  SERVICE_SIGNING_SECRET,
  ...env,
});

const problemsWith = (env: NodeJS.ProcessEnv) => reportedProblems(exitReportOf(() => readConfig(env)));

describe('finance subgraph configuration', () => {
  it('listens on 127.0.0.1:4002 and uses the finance schema by default', () => {
    const env = devEnvironment();
    expect(readConfig(env)).toEqual({
      production: false,
      host: '127.0.0.1',
      port: 4002,
      grpcPort: 50052,
      grpcMaxConnectionAgeMs: 300_000,
      metricsPort: 9466,
      databaseUrl: DATABASE_URL,
      databaseSchema: 'finance',
      routerSigningSecret: SIGNING_SECRET,
      serviceSigningSecret: SERVICE_SIGNING_SECRET,
      logLevel: 'info',
      tracing: null,
      userGrpcAddress: '127.0.0.1:50051',
      tokenCheckCacheMs: 2000,
      redisUrl: undefined,
      redisKeyPrefix: 'ledgerline:',
      groupEventRetentionMs: 7 * 24 * 3_600_000,
      idempotencyKeyRetentionMs: 24 * 3_600_000,
      outboxPollMs: 500,
    });
  });

  it('reads its own variables', () => {
    const config = readConfig(
      devEnvironment({ HOST: '0.0.0.0', FINANCE_SUBGRAPH_PORT: '5002', FINANCE_DATABASE_SCHEMA: 'ledger_2', LOG_LEVEL: 'debug' }),
    );
    expect(config).toMatchObject({ host: '0.0.0.0', port: 5002, databaseSchema: 'ledger_2', logLevel: 'debug' });
  });

  it('reads where the User service answers over gRPC, its own gRPC port and how long reads may trust a token check', () => {
    const config = readConfig(
      devEnvironment({ FINANCE_GRPC_PORT: '6002', USER_GRPC_ADDRESS: 'user.ledgerline.svc:50051', TOKEN_CHECK_CACHE_MS: '0' }),
    );
    expect(config).toMatchObject({ grpcPort: 6002, userGrpcAddress: 'user.ledgerline.svc:50051', tokenCheckCacheMs: 0 });
  });

  it('reads how long a caller keeps its gRPC connection, and refuses one under a second', () => {
    expect(readConfig(devEnvironment({ GRPC_MAX_CONNECTION_AGE_MS: '60000' })).grpcMaxConnectionAgeMs).toBe(60_000);
    expect(problemsWith(devEnvironment({ GRPC_MAX_CONNECTION_AGE_MS: '999' })).map((line) => line.split(':')[0])).toEqual([
      'GRPC_MAX_CONNECTION_AGE_MS',
    ]);
  });

  it.each(['5001', '-1', 'two seconds'])('refuses a token-check cache time of %j ms: a few seconds at most', (ms) => {
    expect(problemsWith(devEnvironment({ TOKEN_CHECK_CACHE_MS: ms })).map((line) => line.split(':')[0])).toEqual(['TOKEN_CHECK_CACHE_MS']);
  });

  it('prefers FINANCE_DATABASE_URL to DATABASE_URL, and needs only one of them', () => {
    const own = 'postgresql://finance@db:5432/finance';
    expect(readConfig(devEnvironment({ FINANCE_DATABASE_URL: own })).databaseUrl).toBe(own);
    expect(readConfig(devEnvironment({ FINANCE_DATABASE_URL: own, DATABASE_URL: undefined })).databaseUrl).toBe(own);
  });

  it('reads an empty variable as unset', () => {
    const config = readConfig(devEnvironment({ FINANCE_DATABASE_URL: '', HOST: '', FINANCE_DATABASE_SCHEMA: '', LOG_LEVEL: '' }));
    expect(config).toMatchObject({ databaseUrl: DATABASE_URL, host: '127.0.0.1', databaseSchema: 'finance', logLevel: 'info' });
  });

  it('reports a missing database URL, and exits with status 1', () => {
    const report = exitReportOf(() => readConfig(devEnvironment({ DATABASE_URL: undefined })));
    expect(report.exitCode).toBe(1);
    expect(report.stderr.split('\n')[0]).toBe('finance-subgraph: invalid configuration');
    expect(reportedProblems(report)).toEqual([
      'DATABASE_URL: set FINANCE_DATABASE_URL or DATABASE_URL (npm start sets it for the embedded database)',
    ]);
  });

  it.each([undefined, 'development', 'production'])(
    'refuses to start without both signing secrets (NODE_ENV=%s), naming each and how to get one, with every other problem',
    (nodeEnv) => {
      const env = devEnvironment({ NODE_ENV: nodeEnv, ROUTER_SIGNING_SECRET: undefined, SERVICE_SIGNING_SECRET: '', DATABASE_URL: '' });
      expect(problemsWith(env)).toEqual([
        `ROUTER_SIGNING_SECRET: ${SECRET_REQUIRED}`,
        `SERVICE_SIGNING_SECRET: ${SECRET_REQUIRED}`,
        'DATABASE_URL: set FINANCE_DATABASE_URL or DATABASE_URL (npm start sets it for the embedded database)',
      ]);
    },
  );

  it('runs in production with its secrets given', () => {
    expect(readConfig(devEnvironment({ NODE_ENV: 'production' })).production).toBe(true);
  });

  it('reports every malformed variable at once', () => {
    const problems = problemsWith(
      devEnvironment({
        FINANCE_SUBGRAPH_PORT: '70000',
        FINANCE_DATABASE_URL: 'not a url',
        FINANCE_DATABASE_SCHEMA: 'Finance',
        ROUTER_SIGNING_SECRET: 'too short',
        LOG_LEVEL: 'loud',
      }),
    );
    expect(problems.map((line) => line.split(':')[0]).sort()).toEqual([
      'FINANCE_DATABASE_SCHEMA',
      'FINANCE_DATABASE_URL',
      'FINANCE_SUBGRAPH_PORT',
      'LOG_LEVEL',
      'ROUTER_SIGNING_SECRET',
    ]);
    expect(problems).toContain('FINANCE_DATABASE_SCHEMA: must be a lower-case PostgreSQL identifier');
    expect(problems).toContain('ROUTER_SIGNING_SECRET: must be at least 32 characters');
  });
});
