// `npm start`: the whole supergraph from a fresh clone. Uses DATABASE_URL when set, otherwise an
// embedded PostgreSQL kept under the data directory.
import { createLogger, secretOrDevSecret, shutDownGracefullyOnSignals } from '@ledgerline/service-runtime';
import { readConfig } from './config.js';
import { startEmbeddedPostgres } from './embeddedPostgres.js';
import { startStack } from './stack.js';

const log = createLogger('launcher', 'info');
const config = readConfig(process.env);
const warn = (message: string) => log.warn(message);

const embedded =
  config.databaseUrl === null
    ? await startEmbeddedPostgres({ dataDir: config.embeddedPostgres.dataDir, port: config.embeddedPostgres.port })
    : null;
if (embedded) log.info({ dataDir: config.embeddedPostgres.dataDir }, 'embedded PostgreSQL started');

// Generated once here, so the three processes agree on them without racing to create them.
const secrets = {
  JWT_SECRET: secretOrDevSecret(process.env['JWT_SECRET'] || undefined, 'jwtSecret', config.dataDir, warn),
  ROUTER_SIGNING_SECRET: secretOrDevSecret(
    process.env['ROUTER_SIGNING_SECRET'] || undefined,
    'routerSigningSecret',
    config.dataDir,
    warn,
  ),
};

try {
  const stack = await startStack({
    databaseUrl: embedded?.url ?? (config.databaseUrl as string),
    host: config.host,
    ports: config.ports,
    env: secrets,
    log: (message) => log.info(message),
  });
  process.stdout.write(
    [
      '',
      'Ledgerline is up:',
      `  GraphQL (router)   ${stack.routerUrl}`,
      `  User subgraph      ${stack.userSubgraphUrl}  (accepts only the router's signed calls)`,
      `  Finance subgraph   ${stack.financeSubgraphUrl}  (accepts only the router's signed calls)`,
      `  Database           ${embedded ? `embedded PostgreSQL, data in ${config.embeddedPostgres.dataDir}` : 'DATABASE_URL'}`,
      '',
    ].join('\n') + '\n',
  );
  const stopAll = async () => {
    await stack.stop();
    await embedded?.stop();
  };
  shutDownGracefullyOnSignals(log, stopAll);
  void stack.failed.then(async (reason) => {
    log.error(reason);
    await stopAll();
    process.exit(1);
  });
} catch (error) {
  log.error({ err: error }, 'could not start Ledgerline');
  await embedded?.stop();
  process.exit(1);
}
