// `npm start`: the whole supergraph from a fresh clone. Uses DATABASE_URL when set, otherwise an
// embedded PostgreSQL kept under the data directory.
import { createLogger, shutDownGracefullyOnSignals } from '@ledgerline/service-runtime';
import { readConfig } from './config.js';
import { startEmbeddedPostgres } from './embeddedPostgres.js';
import { startStack } from './stack.js';

const log = createLogger('launcher', 'info');
// Secrets are settled here, once, so the three processes agree without racing to create them.
const config = readConfig(process.env, (message) => log.warn(message));

const database =
  config.database.kind === 'server'
    ? { url: config.database.url, description: 'DATABASE_URL', stop: async () => {} }
    : {
        ...(await startEmbeddedPostgres(config.database)),
        description: `embedded PostgreSQL, data in ${config.database.dataDir}`,
      };
log.info(`database: ${database.description}`);

try {
  const stack = await startStack({
    databaseUrl: database.url,
    host: config.host,
    ports: config.ports,
    env: config.secrets,
    log: (message) => log.info(message),
  });
  process.stdout.write(
    [
      '',
      'Ledgerline is up:',
      `  GraphQL (router)   ${stack.routerUrl}`,
      `  Subscriptions      ${stack.routerUrl.replace(/^http/, 'ws')}  (graphql-ws; token in connectionParams.authorization)`,
      `  Group updates      ${stack.routerUrl.replace(/^http/, 'ws').replace(/\/graphql$/, '')}/ws/group-savings/{group_id}/updates  (first message {"token": "..."})`,
      `  Event bus          ${process.env['REDIS_URL'] ? 'Redis pub/sub (REDIS_URL)' : 'gRPC streams from Finance and User (no Redis)'}`,
      `  Metrics            ${stack.routerUrl.replace(/\/graphql$/, '')}/metrics`,
      `  User subgraph      ${stack.userSubgraphUrl}  (accepts only the router's signed calls)`,
      `  Finance subgraph   ${stack.financeSubgraphUrl}  (accepts only the router's signed calls)`,
      `  gRPC (internal)    user ${stack.userGrpcAddress}, finance ${stack.financeGrpcAddress}  (health and reflection open; calls need a service credential)`,
      `  Database           ${database.description}`,
      '',
    ].join('\n') + '\n',
  );
  const stopAll = async () => {
    await stack.stop();
    await database.stop();
  };
  shutDownGracefullyOnSignals(log, stopAll);
  void stack.failed.then(async (reason) => {
    log.error(reason);
    await stopAll();
    process.exit(1);
  });
} catch (error) {
  log.error({ err: error }, 'could not start Ledgerline');
  await database.stop();
  process.exit(1);
}
