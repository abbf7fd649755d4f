// What `npm start` reads from the environment; the services read the rest themselves.
import { secretSchema } from '@ledgerline/identity';
import {
  dataDirVariable,
  hostVariable,
  loadConfig,
  optionalVariable,
  portVariable,
  secretOrDevSecret,
} from '@ledgerline/service-runtime/lifecycle';
import { join } from 'node:path';
import { z } from 'zod';
import type { StackPorts } from './stack.js';

const environmentSchema = z.object({
  DATABASE_URL: optionalVariable(z.url()),
  JWT_SECRET: optionalVariable(secretSchema),
  ROUTER_SIGNING_SECRET: optionalVariable(secretSchema),
  SERVICE_SIGNING_SECRET: optionalVariable(secretSchema),
  HOST: hostVariable,
  PORT: portVariable(4000),
  USER_SUBGRAPH_PORT: portVariable(4001),
  FINANCE_SUBGRAPH_PORT: portVariable(4002),
  USER_GRPC_PORT: portVariable(50051),
  FINANCE_GRPC_PORT: portVariable(50052),
  METRICS_PORT: portVariable(9464),
  USER_METRICS_PORT: portVariable(9465),
  FINANCE_METRICS_PORT: portVariable(9466),
  EMBEDDED_POSTGRES_PORT: portVariable(5433),
  LEDGERLINE_DATA_DIR: dataDirVariable,
});

export interface LauncherConfig {
  /** DATABASE_URL's server, or else the embedded PostgreSQL to start. */
  database: { kind: 'server'; url: string } | { kind: 'embedded'; port: number; dataDir: string };
  host: string;
  ports: StackPorts;
  dataDir: string;
  /** Passed to every service, so all three agree even when they are generated dev secrets. */
  secrets: { JWT_SECRET: string; ROUTER_SIGNING_SECRET: string; SERVICE_SIGNING_SECRET: string };
}

export function readConfig(env: NodeJS.ProcessEnv, warn: (message: string) => void): LauncherConfig {
  const parsed = loadConfig('launcher', environmentSchema, env);
  const dataDir = parsed.LEDGERLINE_DATA_DIR;
  return {
    database:
      parsed.DATABASE_URL === undefined
        ? { kind: 'embedded', port: parsed.EMBEDDED_POSTGRES_PORT, dataDir: join(dataDir, 'postgres') }
        : { kind: 'server', url: parsed.DATABASE_URL },
    host: parsed.HOST,
    ports: {
      router: parsed.PORT,
      user: parsed.USER_SUBGRAPH_PORT,
      finance: parsed.FINANCE_SUBGRAPH_PORT,
      userGrpc: parsed.USER_GRPC_PORT,
      financeGrpc: parsed.FINANCE_GRPC_PORT,
      routerMetrics: parsed.METRICS_PORT,
      userMetrics: parsed.USER_METRICS_PORT,
      financeMetrics: parsed.FINANCE_METRICS_PORT,
    },
    dataDir,
    secrets: {
      JWT_SECRET: secretOrDevSecret(parsed.JWT_SECRET, 'jwtSecret', dataDir, warn),
      ROUTER_SIGNING_SECRET: secretOrDevSecret(parsed.ROUTER_SIGNING_SECRET, 'routerSigningSecret', dataDir, warn),
      SERVICE_SIGNING_SECRET: secretOrDevSecret(parsed.SERVICE_SIGNING_SECRET, 'serviceSigningSecret', dataDir, warn),
    },
  };
}
