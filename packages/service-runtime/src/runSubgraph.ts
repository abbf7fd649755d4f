// A subgraph's whole life as a process: configuration, database, server, signals.
import { createLogger, type Logger } from './logger.js';
import { listen } from './listen.js';
import { shutDownGracefullyOnSignals } from './gracefulShutdown.js';
import type { SubgraphConfig } from './subgraphConfig.js';
import type { SubgraphServer } from './subgraphServer.js';

export interface SubgraphProcess<Config extends SubgraphConfig, Database extends { $disconnect(): Promise<void> }> {
  name: string;
  readConfig: (env: NodeJS.ProcessEnv, warn: (message: string) => void) => Config;
  openDatabase: (config: Config) => Database;
  build: (config: Config, db: Database, log: Logger) => Promise<SubgraphServer>;
}

export async function runSubgraph<Config extends SubgraphConfig, Database extends { $disconnect(): Promise<void> }>(
  subgraph: SubgraphProcess<Config, Database>,
): Promise<void> {
  const bootLog = createLogger(subgraph.name, 'info');
  const config = subgraph.readConfig(process.env, (message) => bootLog.warn(message));
  const log = createLogger(subgraph.name, config.logLevel);
  const db = subgraph.openDatabase(config);
  const server = await subgraph.build(config, db, log);
  await listen(server.httpServer, config.port, config.host);
  log.info({ url: `http://${config.host}:${config.port}/graphql` }, `${subgraph.name} listening`);
  shutDownGracefullyOnSignals(log, async () => {
    await server.stop();
    await db.$disconnect();
  });
}
