import { createLogger, listen, shutDownGracefullyOnSignals } from '@ledgerline/service-runtime';
import { readConfig } from './config.js';
import { buildRouter } from './server.js';

const bootLog = createLogger('router', 'info');
const config = readConfig(process.env, (message) => bootLog.warn(message));
const log = createLogger('router', config.logLevel);
const router = await buildRouter(config, log);
await listen(router.httpServer, config.port, config.host);
await listen(router.metricsServer, config.metricsPort, config.host);
log.info(
  { url: `http://${config.host}:${config.port}/graphql`, metrics: `http://${config.host}:${config.metricsPort}/metrics` },
  'router listening',
);

shutDownGracefullyOnSignals(log, () => router.stop());
