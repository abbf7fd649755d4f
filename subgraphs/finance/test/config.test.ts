import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { exitReportOf, freshDataDir, reportedProblems } from '../../../test/support/configTesting.js';
import { readConfig } from '../src/config.js';

const SIGNING_SECRET = 's'.repeat(32);
const SERVICE_SIGNING_SECRET = 'g'.repeat(32);
const DATABASE_URL = 'postgresql://ledgerline@localhost:5432/ledgerline';
const ignoreWarnings = () => undefined;

/** What a developer's shell might hold: a database, and a data directory of the test's own. */
const devEnvironment = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  DATABASE_URL,
  ROUTER_SIGNING_SECRET: SIGNING_SECRET,
  SERVICE_SIGNING_SECRET,
  LEDGERLINE_DATA_DIR: freshDataDir(),
  ...env,
});

const problemsWith = (env: NodeJS.ProcessEnv) => reportedProblems(exitReportOf(() => readConfig(env, ignoreWarnings)));

describe('finance subgraph configuration', () => {
  it('listens on 127.0.0.1:4002 and uses the finance schema by default', () => {
    const env = devEnvironment();
    expect(readConfig(env, ignoreWarnings)).toEqual({
      production: false,
      host: '127.0.0.1',
      port: 4002,
      grpcPort: 50052,
      metricsPort: 9466,
      databaseUrl: DATABASE_URL,
      databaseSchema: 'finance',
      routerSigningSecret: SIGNING_SECRET,
      serviceSigningSecret: SERVICE_SIGNING_SECRET,
      logLevel: 'info',
      dataDir: env['LEDGERLINE_DATA_DIR'],
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
      ignoreWarnings,
    );
    expect(config).toMatchObject({ host: '0.0.0.0', port: 5002, databaseSchema: 'ledger_2', logLevel: 'debug' });
  });

  it('reads where the User service answers over gRPC, its own gRPC port and how long reads may trust a token check', () => {
    const config = readConfig(
      devEnvironment({ FINANCE_GRPC_PORT: '6002', USER_GRPC_ADDRESS: 'user.ledgerline.svc:50051', TOKEN_CHECK_CACHE_MS: '0' }),
      ignoreWarnings,
    );
    expect(config).toMatchObject({ grpcPort: 6002, userGrpcAddress: 'user.ledgerline.svc:50051', tokenCheckCacheMs: 0 });
  });

  it.each(['5001', '-1', 'two seconds'])('refuses a token-check cache time of %j ms: a few seconds at most', (ms) => {
    expect(problemsWith(devEnvironment({ TOKEN_CHECK_CACHE_MS: ms })).map((line) => line.split(':')[0])).toEqual(['TOKEN_CHECK_CACHE_MS']);
  });

  it('prefers FINANCE_DATABASE_URL to DATABASE_URL, and needs only one of them', () => {
    const own = 'postgresql://finance@db:5432/finance';
    expect(readConfig(devEnvironment({ FINANCE_DATABASE_URL: own }), ignoreWarnings).databaseUrl).toBe(own);
    expect(readConfig(devEnvironment({ FINANCE_DATABASE_URL: own, DATABASE_URL: undefined }), ignoreWarnings).databaseUrl).toBe(own);
  });

  it('reads an empty variable as unset', () => {
    const config = readConfig(
      devEnvironment({ FINANCE_DATABASE_URL: '', HOST: '', FINANCE_DATABASE_SCHEMA: '', LOG_LEVEL: '' }),
      ignoreWarnings,
    );
    expect(config).toMatchObject({ databaseUrl: DATABASE_URL, host: '127.0.0.1', databaseSchema: 'finance', logLevel: 'info' });
  });

  it('reports a missing database URL, and exits with status 1', () => {
    const report = exitReportOf(() => readConfig(devEnvironment({ DATABASE_URL: undefined }), ignoreWarnings));
    expect(report.exitCode).toBe(1);
    expect(report.stderr.split('\n')[0]).toBe('finance-subgraph: invalid configuration');
    expect(reportedProblems(report)).toEqual([
      'DATABASE_URL: set FINANCE_DATABASE_URL or DATABASE_URL (npm start sets it for the embedded database)',
    ]);
  });

  it('runs in production only with both signing secrets, reporting them with every other problem', () => {
    expect(readConfig(devEnvironment({ NODE_ENV: 'production' }), ignoreWarnings).production).toBe(true);
    const env = devEnvironment({ NODE_ENV: 'production', ROUTER_SIGNING_SECRET: undefined, SERVICE_SIGNING_SECRET: '', DATABASE_URL: '' });
    expect(problemsWith(env)).toEqual([
      'ROUTER_SIGNING_SECRET: required in production',
      'SERVICE_SIGNING_SECRET: required in production',
      'DATABASE_URL: set FINANCE_DATABASE_URL or DATABASE_URL (npm start sets it for the embedded database)',
    ]);
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

  it('outside production, shares a generated signing secret through the data directory, with a warning', () => {
    const dataDir = freshDataDir();
    const warn = vi.fn();
    const first = readConfig(devEnvironment({ ROUTER_SIGNING_SECRET: undefined, LEDGERLINE_DATA_DIR: dataDir }), warn);
    const again = readConfig(devEnvironment({ ROUTER_SIGNING_SECRET: undefined, LEDGERLINE_DATA_DIR: dataDir }), ignoreWarnings);
    const file = join(dataDir, 'dev-secrets.json');
    expect(first.routerSigningSecret.length).toBeGreaterThanOrEqual(32);
    expect(again.routerSigningSecret).toBe(first.routerSigningSecret);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ routerSigningSecret: first.routerSigningSecret });
    expect(warn).toHaveBeenCalledWith(
      `routerSigningSecret is not set: using a generated development secret from ${file}. Set it in production.`,
    );
  });

  it('uses a given signing secret without generating one', () => {
    const warn = vi.fn();
    expect(readConfig(devEnvironment(), warn).routerSigningSecret).toBe(SIGNING_SECRET);
    expect(warn).not.toHaveBeenCalled();
  });
});
