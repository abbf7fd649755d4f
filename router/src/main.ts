import { createLogger, listen, shutDownGracefullyOnSignals, startTracing } from '@ledgerline/service-runtime';
import { readConfig } from './config.js';
import { buildRouter } from './server.js';

const config = readConfig(process.env);
// Before anything that makes spans (or logs them) is built.
const tracing = await startTracing('ledgerline-router', config.tracing);
const log = createLogger('router', config.logLevel);
const router = await buildRouter(config, log);
await listen(router.httpServer, config.port, config.host);
await listen(router.metricsServer, config.metricsPort, config.host);
log.info(
  { url: `http://${config.host}:${config.port}/graphql`, metrics: `http://${config.host}:${config.metricsPort}/metrics` },
  'router listening',
);

shutDownGracefullyOnSignals(log, async () => {
  await router.stop();
  await tracing.shutdown();
});
