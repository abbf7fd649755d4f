import { createLogger, listen, shutDownGracefullyOnSignals } from '@ledgerline/service-runtime';
import { readConfig } from './config.js';
import { buildRouter } from './server.js';

const config = readConfig(process.env);
const log = createLogger('router', config.logLevel);
const router = await buildRouter(config, log);
await listen(router.httpServer, config.port, config.host);
log.info({ url: `http://${config.host}:${config.port}/graphql` }, 'router listening');

shutDownGracefullyOnSignals(log, () => router.stop());
