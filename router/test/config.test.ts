import { describe, expect, it } from 'vitest';
import { exitReportOf, reportedProblems } from '../../test/support/configTesting.js';
import { BUILT_WEB_APP_DIR, readConfig } from '../src/config.js';

const SIGNING_SECRET = 's'.repeat(32);
const JWT_SECRET = 'j'.repeat(32);
const SERVICE_SECRET = 'g'.repeat(32);
const SECRET_REQUIRED =
  'required: set it (openssl rand -base64 32), or start the whole stack with npm start, which generates development secrets';

/** The secrets, as every environment that runs the router must give them. */
const devEnvironment = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ROUTER_SIGNING_SECRET: SIGNING_SECRET,
  SERVICE_SIGNING_SECRET: SERVICE_SECRET,
  JWT_SECRET,
  ...env,
});

const problemsWith = (env: NodeJS.ProcessEnv) => reportedProblems(exitReportOf(() => readConfig(env)));
const namesOf = (problems: string[]) => problems.map((line) => line.split(':')[0]);

describe('router configuration', () => {
  it('listens on 127.0.0.1:4000 and finds the subgraphs on their default ports', () => {
    expect(readConfig(devEnvironment())).toEqual({
      production: false,
      host: '127.0.0.1',
      port: 4000,
      metricsPort: 9464,
      subgraphs: { user: 'http://127.0.0.1:4001/graphql', finance: 'http://127.0.0.1:4002/graphql' },
      supergraphFile: null,
      subgraphTimeoutMs: 10_000,
      operationTimeoutMs: 15_000,
      maxRequestBodyBytes: 1_000_000,
      corsOrigins: ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'],
      webAppDir: BUILT_WEB_APP_DIR,
      jwtSecret: JWT_SECRET,
      routerSigningSecret: SIGNING_SECRET,
      serviceSigningSecret: SERVICE_SECRET,
      groupEvents: { financeGrpcAddress: '127.0.0.1:50052' },
      userGrpcAddress: '127.0.0.1:50051',
      tokenLiveness: { cacheMs: 3_000, graceMs: 30_000 },
      caches: { redis: null, responsesEnabled: true, inProcessMiB: 64, persistedQueryTtlSeconds: 86_400, queryPlanMiB: 30 },
      webSockets: {
        keepAliveMs: 12_000,
        tokenRecheckMs: 60_000,
        initTimeoutMs: 5_000,
        sendTimeoutMs: 5_000,
        maxQueuedEvents: 1_000,
        maxMessageBytes: 65_536,
        maxConnectionsPerUser: 20,
        maxConnectionsPerAddress: 200,
        maxSubscriptionsPerConnection: 50,
      },
      webSocketSlots: { redis: null, leaseMs: 30_000 },
      trustProxyHops: 0,
      loginThrottle: {
        redis: null,
        attemptsPerAddress: 30,
        addressWindowMs: 60_000,
        failuresPerAccount: 5,
        failureWindowMs: 900_000,
        accountSlowdownMs: 5_000,
      },
      operationLimits: { maxDepth: 12, maxAliases: 30, maxTokens: 2_000, maxDirectives: 20, maxCost: 5_000 },
      logLevel: 'info',
      tracing: null,
    });
  });

  it('reads every variable it is given', () => {
    const config = readConfig(
      devEnvironment({
        NODE_ENV: 'production',
        HOST: '0.0.0.0',
        PORT: '8080',
        USER_SUBGRAPH_URL: 'http://user:4001/graphql',
        FINANCE_SUBGRAPH_URL: 'http://finance:4002/graphql',
        SUBGRAPH_TIMEOUT_MS: '2500',
        OPERATION_TIMEOUT_MS: '6000',
        MAX_REQUEST_BODY_BYTES: '2048',
        LOG_LEVEL: 'warn',
        REDIS_URL: 'redis://cache:6379',
        REDIS_KEY_PREFIX: 'ledgerline-staging:',
        USER_GRPC_ADDRESS: 'user:50051',
        TOKEN_LIVENESS_CACHE_MS: '1500',
        TOKEN_LIVENESS_GRACE_MS: '0',
        WEBSOCKET_KEEPALIVE_MS: '30000',
        WEBSOCKET_TOKEN_RECHECK_MS: '5000',
        WEBSOCKET_INIT_TIMEOUT_MS: '2000',
        WEBSOCKET_SEND_TIMEOUT_MS: '3000',
        WEBSOCKET_MAX_QUEUED_EVENTS: '300',
        WEBSOCKET_MAX_MESSAGE_BYTES: '4096',
        WEBSOCKET_MAX_CONNECTIONS_PER_USER: '5',
        WEBSOCKET_MAX_CONNECTIONS_PER_ADDRESS: '50',
        WEBSOCKET_MAX_SUBSCRIPTIONS_PER_CONNECTION: '10',
        WEBSOCKET_SLOT_LEASE_MS: '9000',
        REDIS_COMMAND_TIMEOUT_MS: '200',
        RESPONSE_CACHE_ENABLED: 'false',
        RESPONSE_CACHE_MEMORY_MIB: '16',
        APQ_TTL_SECONDS: '3600',
        QUERY_PLAN_CACHE_MIB: '50',
        CORS_ORIGINS: 'https://app.example.com, http://localhost:*',
        TRUST_PROXY_HOPS: '2',
        LOGIN_ATTEMPTS_PER_ADDRESS: '100',
        LOGIN_ADDRESS_WINDOW_SECONDS: '30',
        LOGIN_FAILURES_PER_ACCOUNT: '3',
        LOGIN_FAILURE_WINDOW_SECONDS: '600',
        LOGIN_ACCOUNT_SLOWDOWN_SECONDS: '10',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
        OTEL_BSP_SCHEDULE_DELAY: '500',
      }),
    );
    expect(config).toMatchObject({
      tracing: { tracesUrl: 'http://otel-collector:4318/v1/traces', sampleRatio: 0.25, exportDelayMs: 500 },
      groupEvents: { redisUrl: 'redis://cache:6379', keyPrefix: 'ledgerline-staging:' },
      userGrpcAddress: 'user:50051',
      tokenLiveness: { cacheMs: 1_500, graceMs: 0 },
      caches: {
        redis: { url: 'redis://cache:6379', keyPrefix: 'ledgerline-staging:', commandTimeoutMs: 200 },
        responsesEnabled: false,
        inProcessMiB: 16,
        persistedQueryTtlSeconds: 3_600,
        queryPlanMiB: 50,
      },
      webSockets: {
        keepAliveMs: 30_000,
        tokenRecheckMs: 5_000,
        initTimeoutMs: 2_000,
        sendTimeoutMs: 3_000,
        maxQueuedEvents: 300,
        maxMessageBytes: 4_096,
        maxConnectionsPerUser: 5,
        maxConnectionsPerAddress: 50,
        maxSubscriptionsPerConnection: 10,
      },
      webSocketSlots: { redis: { url: 'redis://cache:6379', keyPrefix: 'ledgerline-staging:', commandTimeoutMs: 200 }, leaseMs: 9_000 },
      trustProxyHops: 2,
      loginThrottle: {
        redis: { url: 'redis://cache:6379', keyPrefix: 'ledgerline-staging:', commandTimeoutMs: 200 },
        attemptsPerAddress: 100,
        addressWindowMs: 30_000,
        failuresPerAccount: 3,
        failureWindowMs: 600_000,
        accountSlowdownMs: 10_000,
      },
      production: true,
      host: '0.0.0.0',
      port: 8080,
      subgraphs: { user: 'http://user:4001/graphql', finance: 'http://finance:4002/graphql' },
      subgraphTimeoutMs: 2500,
      operationTimeoutMs: 6000,
      maxRequestBodyBytes: 2048,
      corsOrigins: ['https://app.example.com', 'http://localhost:*'],
      logLevel: 'warn',
    });
  });

  it('allows no browser origin in production unless CORS_ORIGINS lists some', () => {
    expect(readConfig(devEnvironment({ NODE_ENV: 'production' })).corsOrigins).toEqual([]);
  });

  it('refuses a CORS origin with a path, a wildcard host or upper case, naming each', () => {
    const problems = problemsWith(
      devEnvironment({ CORS_ORIGINS: 'https://app.example.com/, *, https://*.example.com, HTTPS://APP.EXAMPLE.COM' }),
    );
    expect(problems.filter((line) => line.startsWith('CORS_ORIGINS'))).toHaveLength(4);
    expect(problems[0]).toContain('"https://app.example.com/" is not an origin');
  });

  it('reads an empty variable as unset', () => {
    const config = readConfig(
      devEnvironment({
        HOST: '',
        USER_SUBGRAPH_URL: '',
        FINANCE_SUBGRAPH_URL: '',
        SUBGRAPH_TIMEOUT_MS: '',
        MAX_REQUEST_BODY_BYTES: '',
        LOG_LEVEL: '',
        REDIS_URL: '',
        FINANCE_GRPC_ADDRESS: '',
        USER_GRPC_ADDRESS: '',
      }),
    );
    expect(config).toEqual(readConfig(devEnvironment()));
  });

  it('treats an empty PORT as unset and listens on 4000', () => {
    expect(readConfig(devEnvironment({ PORT: '' })).port).toBe(4000);
  });

  it.each([
    ['SUBGRAPH_TIMEOUT_MS', '100', 100],
    ['SUBGRAPH_TIMEOUT_MS', '120000', 120_000],
    ['MAX_REQUEST_BODY_BYTES', '1024', 1024],
    ['MAX_REQUEST_BODY_BYTES', '50000000', 50_000_000],
  ])('accepts %s=%s', (name, value, expected) => {
    const config = readConfig(devEnvironment({ [name]: value }));
    expect(name === 'SUBGRAPH_TIMEOUT_MS' ? config.subgraphTimeoutMs : config.maxRequestBodyBytes).toBe(expected);
  });

  it.each([
    ['SUBGRAPH_TIMEOUT_MS', '99'],
    ['SUBGRAPH_TIMEOUT_MS', '120001'],
    ['MAX_REQUEST_BODY_BYTES', '1023'],
    ['MAX_REQUEST_BODY_BYTES', '50000001'],
    ['PORT', '65536'],
    ['USER_SUBGRAPH_URL', 'user subgraph'],
    ['RESPONSE_CACHE_ENABLED', 'yes'],
    ['QUERY_PLAN_CACHE_MIB', '0'],
    ['TRUST_PROXY_HOPS', '-1'],
    ['LOGIN_ATTEMPTS_PER_ADDRESS', '0'],
    ['LOGIN_ACCOUNT_SLOWDOWN_SECONDS', '1.5'],
  ])('refuses %s=%s', (name, value) => {
    expect(namesOf(problemsWith(devEnvironment({ [name]: value })))).toEqual([name]);
  });

  it.each([undefined, 'development', 'production'])(
    'refuses to start without its three secrets (NODE_ENV=%s), naming each and how to get one, and exits with status 1',
    (nodeEnv) => {
      const report = exitReportOf(() =>
        readConfig(
          devEnvironment({ NODE_ENV: nodeEnv, JWT_SECRET: undefined, ROUTER_SIGNING_SECRET: '', SERVICE_SIGNING_SECRET: undefined }),
        ),
      );
      expect(report.exitCode).toBe(1);
      expect(report.stderr.split('\n')[0]).toBe('router: invalid configuration');
      expect(reportedProblems(report)).toEqual([
        `JWT_SECRET: ${SECRET_REQUIRED}`,
        `ROUTER_SIGNING_SECRET: ${SECRET_REQUIRED}`,
        `SERVICE_SIGNING_SECRET: ${SECRET_REQUIRED}`,
      ]);
    },
  );

  it("sends spans to the traces endpoint when one is given, keeping a base endpoint's own path", () => {
    const tracesUrlOf = (env: NodeJS.ProcessEnv) => readConfig(devEnvironment(env)).tracing?.tracesUrl;
    expect(tracesUrlOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.example.com/otlp' })).toBe(
      'https://collector.example.com/otlp/v1/traces',
    );
    expect(
      tracesUrlOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom/traces' }),
    ).toBe('http://b:4318/custom/traces');
    expect(
      problemsWith(devEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_TRACES_SAMPLER_ARG: '2' }))
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_TRACES_SAMPLER_ARG']);
  });

  it('reports every malformed variable at once', () => {
    const problems = problemsWith(
      devEnvironment({ PORT: 'http', FINANCE_SUBGRAPH_URL: 'nowhere', JWT_SECRET: 'short', LOG_LEVEL: 'loud' }),
    );
    expect(namesOf(problems).sort()).toEqual(['FINANCE_SUBGRAPH_URL', 'JWT_SECRET', 'LOG_LEVEL', 'PORT']);
    expect(problems).toContain('JWT_SECRET: must be at least 32 characters');
  });
});
