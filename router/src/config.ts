// Every environment variable the router reads, validated once at start.
import { secretSchema } from '@ledgerline/identity';
import {
  dataDirVariable,
  grpcAddressVariable,
  hostVariable,
  loadConfig,
  logLevelSchema,
  optionalVariable,
  portVariable,
  requireInProduction,
  secretOrDevSecret,
  variableWithDefault,
} from '@ledgerline/service-runtime';
import { z } from 'zod';

const environmentSchema = z
  .object({
    NODE_ENV: optionalVariable(z.string()),
    HOST: hostVariable,
    PORT: portVariable(4000),
    USER_SUBGRAPH_URL: variableWithDefault(z.url(), 'http://127.0.0.1:4001/graphql'),
    FINANCE_SUBGRAPH_URL: variableWithDefault(z.url(), 'http://127.0.0.1:4002/graphql'),
    SUBGRAPH_TIMEOUT_MS: variableWithDefault(z.coerce.number().int().min(100).max(120_000), 10_000),
    MAX_REQUEST_BODY_BYTES: variableWithDefault(z.coerce.number().int().min(1024).max(50_000_000), 1_000_000),
    JWT_SECRET: optionalVariable(secretSchema),
    ROUTER_SIGNING_SECRET: optionalVariable(secretSchema),
    SERVICE_SIGNING_SECRET: optionalVariable(secretSchema),
    /** With it, group events arrive over Redis pub/sub; without, over Finance's gRPC stream. */
    REDIS_URL: optionalVariable(z.url()),
    FINANCE_GRPC_ADDRESS: grpcAddressVariable('127.0.0.1:50052'),
    /** The User service, which says whether a WebSocket's token is still live. */
    USER_GRPC_ADDRESS: grpcAddressVariable('127.0.0.1:50051'),
    /** How often open WebSockets' tokens are checked again, so a revoked one is closed. */
    WEBSOCKET_TOKEN_RECHECK_MS: variableWithDefault(z.coerce.number().int().min(1_000).max(3_600_000), 60_000),
    /** How often WebSockets are pinged; a socket silent for two of these is closed. */
    WEBSOCKET_KEEPALIVE_MS: variableWithDefault(z.coerce.number().int().min(1_000).max(300_000), 12_000),
    LEDGERLINE_DATA_DIR: dataDirVariable,
    LOG_LEVEL: logLevelSchema,
  })
  .superRefine((env, context) => requireInProduction(env, ['JWT_SECRET', 'ROUTER_SIGNING_SECRET', 'SERVICE_SIGNING_SECRET'], context));

export interface RouterConfig {
  production: boolean;
  host: string;
  port: number;
  subgraphs: { user: string; finance: string };
  subgraphTimeoutMs: number;
  maxRequestBodyBytes: number;
  jwtSecret: string;
  routerSigningSecret: string;
  serviceSigningSecret: string;
  /** Where group event notices come from. */
  groupEvents: { redisUrl: string } | { financeGrpcAddress: string };
  webSocketKeepAliveMs: number;
  userGrpcAddress: string;
  webSocketTokenRecheckMs: number;
  logLevel: string;
}

export function readConfig(env: NodeJS.ProcessEnv, warn: (message: string) => void): RouterConfig {
  const parsed = loadConfig('router', environmentSchema, env);
  return {
    production: parsed.NODE_ENV === 'production',
    host: parsed.HOST,
    port: parsed.PORT,
    subgraphs: { user: parsed.USER_SUBGRAPH_URL, finance: parsed.FINANCE_SUBGRAPH_URL },
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
    maxRequestBodyBytes: parsed.MAX_REQUEST_BODY_BYTES,
    jwtSecret: secretOrDevSecret(parsed.JWT_SECRET, 'jwtSecret', parsed.LEDGERLINE_DATA_DIR, warn),
    routerSigningSecret: secretOrDevSecret(parsed.ROUTER_SIGNING_SECRET, 'routerSigningSecret', parsed.LEDGERLINE_DATA_DIR, warn),
    serviceSigningSecret: secretOrDevSecret(parsed.SERVICE_SIGNING_SECRET, 'serviceSigningSecret', parsed.LEDGERLINE_DATA_DIR, warn),
    groupEvents: parsed.REDIS_URL === undefined ? { financeGrpcAddress: parsed.FINANCE_GRPC_ADDRESS } : { redisUrl: parsed.REDIS_URL },
    webSocketKeepAliveMs: parsed.WEBSOCKET_KEEPALIVE_MS,
    userGrpcAddress: parsed.USER_GRPC_ADDRESS,
    webSocketTokenRecheckMs: parsed.WEBSOCKET_TOKEN_RECHECK_MS,
    logLevel: parsed.LOG_LEVEL,
  };
}
