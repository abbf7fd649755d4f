// `npm start`: the whole supergraph from a fresh clone. Uses DATABASE_URL when set, otherwise an
// embedded PostgreSQL kept under the data directory. Run from source (tsx) it starts the services'
// source and rebuilds the web app when its build is stale; compiled (`npm run start:built`), the
// services' compiled JavaScript and the web app `npm run build` built.
import { createLogger, shutDownGracefullyOnSignals } from '@ledgerline/service-runtime/lifecycle';
import { readConfig } from './config.js';
import { startEmbeddedPostgres } from './embeddedPostgres.js';
import { restrictToOwner } from './ownerOnly.js';
import { whenParentExits } from './parentWatch.js';
import { startStack, type Stack } from './stack.js';
import { buildWebAppWhenStale } from './webAppBuild.js';

/** The router's drain, then the subgraphs' (each up to 10 s before it exits anyway), then the database. */
const FORCED_EXIT_AFTER_MS = 30_000;
const compiled = import.meta.url.endsWith('.js');

const log = createLogger('launcher', 'info');
// Secrets are settled here, once: the services never make one up, and all three get the same.
const config = readConfig(process.env, process.argv.slice(2), (message) => log.warn(message));

let database: { url: string; description: string; stop(): Promise<void> } | undefined;
let stack: Stack | undefined;
// Services first, router before subgraphs (stack.stop), and the database only once every service has exited.
const shutDown = shutDownGracefullyOnSignals(
  log,
  async () => {
    await stack?.stop();
    await database?.stop();
  },
  { forcedExitAfterMs: FORCED_EXIT_AFTER_MS },
);
whenParentExits(() => shutDown('parent process gone'));

try {
  await restrictToOwner(config.dataDir);
  // Built while the database starts; the router, which serves it, starts after both.
  const webAppBuilt = !compiled && config.webAppDir === null ? buildWebAppWhenStale(log) : Promise.resolve();
  database =
    config.database.kind === 'server'
      ? { url: config.database.url, description: 'DATABASE_URL', stop: async () => {} }
      : {
          ...(await startEmbeddedPostgres(config.database)),
          description: `embedded PostgreSQL, data in ${config.database.dataDir}`,
        };
  log.info(`database: ${database.description}`);
  await webAppBuilt;
  stack = await startStack({
    databaseUrl: database.url,
    host: config.host,
    ports: config.ports,
    env: config.secrets,
    log: (message) => log.info(message),
    compiled,
  });
} catch (error) {
  log.error({ err: error }, 'could not start Ledgerline');
  shutDown('start-up failed', 1);
}

if (stack !== undefined && database !== undefined) {
  process.stdout.write(
    [
      '',
      'Ledgerline is up:',
      `  GraphQL (router)   ${stack.routerUrl}`,
      `  Web app            ${stack.routerUrl.replace(/\/graphql$/, '/app/')}`,
      `  Subscriptions      ${stack.routerUrl.replace(/^http/, 'ws')}  (graphql-ws; token in connectionParams.authorization)`,
      `  Group updates      ${stack.routerUrl.replace(/^http/, 'ws').replace(/\/graphql$/, '')}/ws/group-savings/{group_id}/updates  (first message {"token": "..."})`,
      `  Event bus          ${config.eventBus === 'redis' ? 'Redis pub/sub (REDIS_URL)' : 'gRPC streams from Finance and User (no Redis)'}`,
      `  Traces             ${config.tracesTo === null ? 'off (set OTEL_EXPORTER_OTLP_ENDPOINT to send them to a collector)' : `OTLP to ${config.tracesTo}`}`,
      `  Metrics            router ${stack.metricsUrls.router}, user ${stack.metricsUrls.user}, finance ${stack.metricsUrls.finance}  (Prometheus; not for the public)`,
      `  User subgraph      ${stack.userSubgraphUrl}  (accepts only the router's signed calls)`,
      `  Finance subgraph   ${stack.financeSubgraphUrl}  (accepts only the router's signed calls)`,
      `  gRPC (internal)    user ${stack.userGrpcAddress}, finance ${stack.financeGrpcAddress}  (health and reflection open; calls need a service credential)`,
      `  Database           ${database.description}`,
      `  Stop               Ctrl-C, or SIGTERM to this process or npm`,
      '',
    ].join('\n') + '\n',
  );
  // A service that dies is not restarted: the rest of the stack stops too, and `npm start` exits non-zero.
  void stack.failed.then((reason) => {
    log.error(reason);
    shutDown(reason, 1);
  });
}
