// Every environment variable the router reads, validated once at start.
import { secretSchema } from '@ledgerline/identity';
import {
  configurationProblems,
  grpcAddressVariable,
  hostVariable,
  loadConfig,
  logLevelSchema,
  optionalVariable,
  portVariable,
  redisKeyPrefixVariable,
  requiredSecrets,
  tracingSettingsFrom,
  tracingVariables,
  variableWithDefault,
  type TracingSettings,
} from '@ledgerline/service-runtime';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { originPatternProblem, type OriginPattern } from './crossOriginRequests.js';
import type { SubgraphUrls } from './supergraph.js';

/** Where `npm run build` writes the composed supergraph: router/dist/, beside the compiled router (whether this runs from src/ or dist/). */
export const BUILT_SUPERGRAPH_FILE = fileURLToPath(new URL('../dist/supergraph.graphql', import.meta.url));

/** Where the web app's build is (clients/web-app/dist), whether this runs from src/ or dist/. */
export const BUILT_WEB_APP_DIR = fileURLToPath(new URL('../../clients/web-app/dist', import.meta.url));

/** Compiled (dist/*.js), the router loads the supergraph `npm run build` wrote; from source (tsx), it composes one at start. */
const runningCompiled = import.meta.url.endsWith('.js');

/** Where the router sends each subgraph's share of an operation; whatever a supergraph file says is ignored. */
const subgraphUrlVariables = {
  USER_SUBGRAPH_URL: variableWithDefault(z.url(), 'http://127.0.0.1:4001/graphql'),
  FINANCE_SUBGRAPH_URL: variableWithDefault(z.url(), 'http://127.0.0.1:4002/graphql'),
};

/** What a browser on the developer's own machine runs on, whatever the port. */
const DEVELOPMENT_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'];

const corsOriginsSchema = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  )
  .superRefine((origins, context) => {
    for (const origin of origins) {
      const problem = originPatternProblem(origin);
      if (problem !== null) context.addIssue({ code: 'custom', message: problem });
    }
  });

const environmentVariables = z.object({
  NODE_ENV: optionalVariable(z.string()),
  HOST: hostVariable,
  PORT: portVariable(4000),
  /** GET /metrics (Prometheus), on a port of its own that no ingress routes. */
  METRICS_PORT: portVariable(9464),
  ...subgraphUrlVariables,
  /** The composed supergraph to serve. Unset: the build's router/dist/supergraph.graphql when compiled, composed at start from source. */
  SUPERGRAPH_FILE: optionalVariable(z.string()),
  SUBGRAPH_TIMEOUT_MS: variableWithDefault(z.coerce.number().int().min(100).max(120_000), 10_000),
  /** The whole operation's deadline, across its subgraph calls; each call is sent the time left. */
  OPERATION_TIMEOUT_MS: variableWithDefault(z.coerce.number().int().min(100).max(300_000), 15_000),
  /**
   * Browser origins allowed to call the router, comma-separated; ":*" allows any port. Unset: the
   * local development origins, or none in production.
   */
  CORS_ORIGINS: optionalVariable(corsOriginsSchema),
  /** The example web app's built files, served at /app/ when the folder holds an index.html. Unset: the repository's clients/web-app/dist. */
  WEB_APP_DIR: optionalVariable(z.string()),
  MAX_REQUEST_BODY_BYTES: variableWithDefault(z.coerce.number().int().min(1024).max(50_000_000), 1_000_000),
  JWT_SECRET: optionalVariable(secretSchema),
  ROUTER_SIGNING_SECRET: optionalVariable(secretSchema),
  SERVICE_SIGNING_SECRET: optionalVariable(secretSchema),
  /** With it, group events arrive over Redis pub/sub and the caches live in Redis; without, over Finance's gRPC stream and in this process. */
  REDIS_URL: optionalVariable(z.url()),
  REDIS_KEY_PREFIX: redisKeyPrefixVariable,
  /** How long a cache read or write may wait on Redis before it counts as an outage and the request goes straight through. */
  REDIS_COMMAND_TIMEOUT_MS: variableWithDefault(z.coerce.number().int().min(10).max(10_000), 500),
  /** "false" turns the response cache of profiles and financial summaries off (the benchmark's uncached side). */
  RESPONSE_CACHE_ENABLED: variableWithDefault(z.enum(['true', 'false']), 'true'),
  /** The in-process cache's size when REDIS_URL is unset (least recently used entries go first). */
  RESPONSE_CACHE_MEMORY_MIB: variableWithDefault(z.coerce.number().int().min(1).max(4_096), 64),
  /** How long an automatic persisted query's hash is remembered after it was registered. */
  APQ_TTL_SECONDS: variableWithDefault(z.coerce.number().int().min(60).max(2_592_000), 86_400),
  /** The gateway's query plan cache, in approximate MiB (@apollo/gateway's own default is 30). */
  QUERY_PLAN_CACHE_MIB: variableWithDefault(z.coerce.number().int().min(1).max(4_096), 30),
  FINANCE_GRPC_ADDRESS: grpcAddressVariable('127.0.0.1:50052'),
  /** The User service, which says whether a token is still live: for every signed-in request and WebSocket. */
  USER_GRPC_ADDRESS: grpcAddressVariable('127.0.0.1:50051'),
  /** How long the User service's word that a token is live (or refused) is used before asking again; a revocation heard on the feed drops it at once. */
  TOKEN_LIVENESS_CACHE_MS: variableWithDefault(z.coerce.number().int().min(0).max(60_000), 3_000),
  /** While the User service cannot answer, how long past that a session last seen live is still served (then 503). */
  TOKEN_LIVENESS_GRACE_MS: variableWithDefault(z.coerce.number().int().min(0).max(600_000), 30_000),
  /** How often open WebSockets' tokens are checked again, so a revoked one is closed. */
  WEBSOCKET_TOKEN_RECHECK_MS: variableWithDefault(z.coerce.number().int().min(1_000).max(3_600_000), 60_000),
  /** How often WebSockets are pinged; a socket silent for two of these is closed. */
  WEBSOCKET_KEEPALIVE_MS: variableWithDefault(z.coerce.number().int().min(100).max(300_000), 12_000),
  /** How long a new WebSocket may wait before sending connection_init (or, on the raw route, its token): then 4408. */
  WEBSOCKET_INIT_TIMEOUT_MS: variableWithDefault(z.coerce.number().int().min(100).max(60_000), 5_000),
  /** How long an event may wait unread for a client before its socket is closed with 4008 (it stopped reading). */
  WEBSOCKET_SEND_TIMEOUT_MS: variableWithDefault(z.coerce.number().int().min(100).max(120_000), 5_000),
  /** How many events may wait unsent for one subscription before its socket is closed with 4008. */
  WEBSOCKET_MAX_QUEUED_EVENTS: variableWithDefault(z.coerce.number().int().min(10).max(100_000), 1_000),
  /** The largest message a client may send on a WebSocket (larger: closed with 1009). */
  WEBSOCKET_MAX_MESSAGE_BYTES: variableWithDefault(z.coerce.number().int().min(1_024).max(10_000_000), 65_536),
  /** Open WebSockets per user, across every router sharing REDIS_URL (without it, on this router): more are closed with 4429. */
  WEBSOCKET_MAX_CONNECTIONS_PER_USER: variableWithDefault(z.coerce.number().int().min(1).max(1_000_000), 20),
  /** Open WebSockets per client address, signed in or not, across every router sharing REDIS_URL (without it, on this router): more are closed with 4429. */
  WEBSOCKET_MAX_CONNECTIONS_PER_ADDRESS: variableWithDefault(z.coerce.number().int().min(1).max(1_000_000), 200),
  /**
   * With REDIS_URL, how long an open WebSocket still counts against those two limits after its router
   * last renewed it (each router renews its sockets every third of this): how soon a router that died
   * without closing its sockets gives their places back.
   */
  WEBSOCKET_SLOT_LEASE_MS: variableWithDefault(z.coerce.number().int().min(1_000).max(600_000), 30_000),
  /** Live subscriptions per graphql-ws connection (more: that subscription is refused with TOO_MANY_SUBSCRIPTIONS). */
  WEBSOCKET_MAX_SUBSCRIPTIONS_PER_CONNECTION: variableWithDefault(z.coerce.number().int().min(1).max(10_000), 50),
  /** How many proxies in front of the router append to X-Forwarded-For; 0 takes the socket's address as the client's. */
  TRUST_PROXY_HOPS: variableWithDefault(z.coerce.number().int().min(0).max(10), 0),
  /** Login attempts one client address may make per LOGIN_ADDRESS_WINDOW_SECONDS, right or wrong (more: 429). */
  LOGIN_ATTEMPTS_PER_ADDRESS: variableWithDefault(z.coerce.number().int().min(1).max(100_000), 30),
  LOGIN_ADDRESS_WINDOW_SECONDS: variableWithDefault(z.coerce.number().int().min(1).max(86_400), 60),
  /** Wrong passwords for one account, from anywhere, after which each address may try it only once per LOGIN_ACCOUNT_SLOWDOWN_SECONDS. */
  LOGIN_FAILURES_PER_ACCOUNT: variableWithDefault(z.coerce.number().int().min(1).max(100_000), 5),
  /** How long an account's wrong passwords are remembered after the last one. */
  LOGIN_FAILURE_WINDOW_SECONDS: variableWithDefault(z.coerce.number().int().min(1).max(86_400), 900),
  LOGIN_ACCOUNT_SLOWDOWN_SECONDS: variableWithDefault(z.coerce.number().int().min(1).max(3_600), 5),
  /** Operation limits (router/src/operationLimits): over one, an operation is refused with OPERATION_LIMIT_EXCEEDED before it is planned. */
  MAX_OPERATION_DEPTH: variableWithDefault(z.coerce.number().int().min(1).max(1_000), 12),
  MAX_OPERATION_ALIASES: variableWithDefault(z.coerce.number().int().min(0).max(100_000), 30),
  /**
   * Tokens of the query text; parsing stops at the first one past it, so no text costs more to refuse than this many.
   * At most 10,000: graphql's parser recurses once per nesting level, and 25,000 tokens of nesting exhaust its stack.
   */
  MAX_OPERATION_TOKENS: variableWithDefault(z.coerce.number().int().min(100).max(10_000), 2_000),
  MAX_OPERATION_DIRECTIVES: variableWithDefault(z.coerce.number().int().min(0).max(10_000), 20),
  /** The estimated cost (router/src/operationLimits/operationCost.ts): fields, lists and subgraph calls. */
  MAX_OPERATION_COST: variableWithDefault(z.coerce.number().int().min(100).max(10_000_000), 5_000),
  LOG_LEVEL: logLevelSchema,
  ...tracingVariables,
});

const environmentSchema = environmentVariables.transform((env, context) => ({
  ...env,
  ...requiredSecrets(env, ['JWT_SECRET', 'ROUTER_SIGNING_SECRET', 'SERVICE_SIGNING_SECRET'], context),
}));

export interface RouterConfig {
  production: boolean;
  host: string;
  port: number;
  /** Where GET /metrics is served, apart from the public port. */
  metricsPort: number;
  subgraphs: SubgraphUrls;
  /** The supergraph artifact to load; null composes it at start from the subgraphs' SDL files. */
  supergraphFile: string | null;
  subgraphTimeoutMs: number;
  operationTimeoutMs: number;
  maxRequestBodyBytes: number;
  /** Browser origins allowed to call the router (CORS); empty allows none. */
  corsOrigins: OriginPattern[];
  /** The web app's built files, served at /app/ when the folder holds an index.html. */
  webAppDir: string;
  jwtSecret: string;
  routerSigningSecret: string;
  serviceSigningSecret: string;
  /** Where group event notices come from. */
  groupEvents: { redisUrl: string; keyPrefix: string } | { financeGrpcAddress: string };
  userGrpcAddress: string;
  /** How the edge check of HTTP requests' tokens reuses the User service's answers (tokenLiveness.ts). */
  tokenLiveness: { cacheMs: number; graceMs: number };
  webSockets: WebSocketRules;
  webSocketSlots: WebSocketSlotSettings;
  caches: CacheSettings;
  /** How many proxies' X-Forwarded-For entries to believe (router/src/clientAddress.ts). */
  trustProxyHops: number;
  loginThrottle: LoginThrottleSettings;
  operationLimits: OperationLimitSettings;
  logLevel: string;
  /** Where spans go; null when tracing is off. */
  tracing: TracingSettings | null;
}

/** How fast logins may be tried (router/src/loginThrottle/); in Redis, shared by every replica, or in this process. */
export interface LoginThrottleSettings {
  redis: { url: string; keyPrefix: string; commandTimeoutMs: number } | null;
  attemptsPerAddress: number;
  addressWindowMs: number;
  failuresPerAccount: number;
  failureWindowMs: number;
  accountSlowdownMs: number;
}

/** The largest operation the router plans, over HTTP and WebSocket alike. */
export interface OperationLimitSettings {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
}

/** Where the router's caches live and how large they grow; what is cached for how long is router/src/cache/cachePolicy.ts. */
export interface CacheSettings {
  /** Shared by every replica; null keeps the caches in this process. */
  redis: { url: string; keyPrefix: string; commandTimeoutMs: number } | null;
  responsesEnabled: boolean;
  inProcessMiB: number;
  persistedQueryTtlSeconds: number;
  queryPlanMiB: number;
}

/** Where the WebSocket limits per address and per user count open sockets (router/src/subscriptions/connectionSlots/). */
export interface WebSocketSlotSettings {
  /** Shared by every replica; null counts this router's sockets alone. */
  redis: { url: string; keyPrefix: string; commandTimeoutMs: number } | null;
  leaseMs: number;
}

/** How the router's WebSockets are kept: the limits and timeouts of both routes. */
export interface WebSocketRules {
  keepAliveMs: number;
  tokenRecheckMs: number;
  initTimeoutMs: number;
  sendTimeoutMs: number;
  maxQueuedEvents: number;
  maxMessageBytes: number;
  maxConnectionsPerUser: number;
  maxConnectionsPerAddress: number;
  maxSubscriptionsPerConnection: number;
}

export function readConfig(env: NodeJS.ProcessEnv): RouterConfig {
  const parsed = loadConfig('router', environmentSchema, env);
  return {
    production: parsed.NODE_ENV === 'production',
    host: parsed.HOST,
    port: parsed.PORT,
    metricsPort: parsed.METRICS_PORT,
    subgraphs: { user: parsed.USER_SUBGRAPH_URL, finance: parsed.FINANCE_SUBGRAPH_URL },
    supergraphFile: parsed.SUPERGRAPH_FILE ?? (runningCompiled ? BUILT_SUPERGRAPH_FILE : null),
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
    operationTimeoutMs: parsed.OPERATION_TIMEOUT_MS,
    maxRequestBodyBytes: parsed.MAX_REQUEST_BODY_BYTES,
    corsOrigins: parsed.CORS_ORIGINS ?? (parsed.NODE_ENV === 'production' ? [] : DEVELOPMENT_ORIGINS),
    webAppDir: parsed.WEB_APP_DIR ?? BUILT_WEB_APP_DIR,
    jwtSecret: parsed.JWT_SECRET,
    routerSigningSecret: parsed.ROUTER_SIGNING_SECRET,
    serviceSigningSecret: parsed.SERVICE_SIGNING_SECRET,
    groupEvents:
      parsed.REDIS_URL === undefined
        ? { financeGrpcAddress: parsed.FINANCE_GRPC_ADDRESS }
        : { redisUrl: parsed.REDIS_URL, keyPrefix: parsed.REDIS_KEY_PREFIX },
    userGrpcAddress: parsed.USER_GRPC_ADDRESS,
    tokenLiveness: { cacheMs: parsed.TOKEN_LIVENESS_CACHE_MS, graceMs: parsed.TOKEN_LIVENESS_GRACE_MS },
    caches: {
      redis:
        parsed.REDIS_URL === undefined
          ? null
          : { url: parsed.REDIS_URL, keyPrefix: parsed.REDIS_KEY_PREFIX, commandTimeoutMs: parsed.REDIS_COMMAND_TIMEOUT_MS },
      responsesEnabled: parsed.RESPONSE_CACHE_ENABLED === 'true',
      inProcessMiB: parsed.RESPONSE_CACHE_MEMORY_MIB,
      persistedQueryTtlSeconds: parsed.APQ_TTL_SECONDS,
      queryPlanMiB: parsed.QUERY_PLAN_CACHE_MIB,
    },
    webSockets: {
      keepAliveMs: parsed.WEBSOCKET_KEEPALIVE_MS,
      tokenRecheckMs: parsed.WEBSOCKET_TOKEN_RECHECK_MS,
      initTimeoutMs: parsed.WEBSOCKET_INIT_TIMEOUT_MS,
      sendTimeoutMs: parsed.WEBSOCKET_SEND_TIMEOUT_MS,
      maxQueuedEvents: parsed.WEBSOCKET_MAX_QUEUED_EVENTS,
      maxMessageBytes: parsed.WEBSOCKET_MAX_MESSAGE_BYTES,
      maxConnectionsPerUser: parsed.WEBSOCKET_MAX_CONNECTIONS_PER_USER,
      maxConnectionsPerAddress: parsed.WEBSOCKET_MAX_CONNECTIONS_PER_ADDRESS,
      maxSubscriptionsPerConnection: parsed.WEBSOCKET_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    },
    webSocketSlots: {
      redis:
        parsed.REDIS_URL === undefined
          ? null
          : { url: parsed.REDIS_URL, keyPrefix: parsed.REDIS_KEY_PREFIX, commandTimeoutMs: parsed.REDIS_COMMAND_TIMEOUT_MS },
      leaseMs: parsed.WEBSOCKET_SLOT_LEASE_MS,
    },
    trustProxyHops: parsed.TRUST_PROXY_HOPS,
    loginThrottle: {
      redis:
        parsed.REDIS_URL === undefined
          ? null
          : { url: parsed.REDIS_URL, keyPrefix: parsed.REDIS_KEY_PREFIX, commandTimeoutMs: parsed.REDIS_COMMAND_TIMEOUT_MS },
      attemptsPerAddress: parsed.LOGIN_ATTEMPTS_PER_ADDRESS,
      addressWindowMs: parsed.LOGIN_ADDRESS_WINDOW_SECONDS * 1000,
      failuresPerAccount: parsed.LOGIN_FAILURES_PER_ACCOUNT,
      failureWindowMs: parsed.LOGIN_FAILURE_WINDOW_SECONDS * 1000,
      accountSlowdownMs: parsed.LOGIN_ACCOUNT_SLOWDOWN_SECONDS * 1000,
    },
    operationLimits: {
      maxDepth: parsed.MAX_OPERATION_DEPTH,
      maxAliases: parsed.MAX_OPERATION_ALIASES,
      maxTokens: parsed.MAX_OPERATION_TOKENS,
      maxDirectives: parsed.MAX_OPERATION_DIRECTIVES,
      maxCost: parsed.MAX_OPERATION_COST,
    },
    logLevel: parsed.LOG_LEVEL,
    tracing: tracingSettingsFrom(parsed),
  };
}

/** The subgraph URLs alone, as the router would read them: for `npm run supergraph`. */
export function readSubgraphUrls(env: NodeJS.ProcessEnv): SubgraphUrls {
  const parsed = loadConfig('supergraph', z.object(subgraphUrlVariables), env);
  return { user: parsed.USER_SUBGRAPH_URL, finance: parsed.FINANCE_SUBGRAPH_URL };
}

/** Every variable the router reads, by name: a deployment that sets another has misspelt one (test/deployment/). */
export const ROUTER_VARIABLES: readonly string[] = Object.keys(environmentVariables.shape);

/** What start-up would refuse in `env`, one line each; empty when the router would start with it. */
export function routerConfigurationProblems(env: NodeJS.ProcessEnv): string[] {
  return configurationProblems(environmentSchema, env);
}
