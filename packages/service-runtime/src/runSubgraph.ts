// A subgraph's whole life as a process: configuration, database, HTTP and gRPC servers, signals.
import { createLogger, type Logger } from './logger.js';
import { listen } from './listen.js';
import { shutDownGracefullyOnSignals } from './gracefulShutdown.js';
import { startTracing } from './tracing/tracing.js';
import type { GrpcServer } from './grpcServer.js';
import { closeMetricsServer, metricsServer } from './metrics/metricsServer.js';
import type { ServiceMetrics } from './metrics/serviceMetrics.js';
import type { SubgraphConfig } from './subgraphConfig.js';
import type { SubgraphServer } from './subgraphServer.js';

/** What a subgraph serves: GraphQL over HTTP for the router, gRPC for the other services. */
export interface SubgraphServices {
  http: SubgraphServer;
  grpc: GrpcServer;
  /** What the service counts, served on its metrics port. */
  metrics: ServiceMetrics;
  /** Work the subgraph runs on its own (e.g. finishing deletions); stopped before the servers. */
  stopBackgroundWork?: () => Promise<void>;
}

export interface SubgraphProcess<Config extends SubgraphConfig, Database extends { $disconnect(): Promise<void> }> {
  name: string;
  readConfig: (env: NodeJS.ProcessEnv) => Config;
  openDatabase: (config: Config) => Database;
  build: (config: Config, db: Database, log: Logger) => Promise<SubgraphServices>;
}

/** How long health checks see NOT_SERVING before the gRPC server stops taking calls. */
const GRPC_NOT_SERVING_NOTICE_MS = 500;
/** Calls in flight get this long to finish; within gracefulShutdown's forced exit. */
const GRPC_DRAIN_GRACE_MS = 5_000;

export async function runSubgraph<Config extends SubgraphConfig, Database extends { $disconnect(): Promise<void> }>(
  subgraph: SubgraphProcess<Config, Database>,
): Promise<void> {
  const config = subgraph.readConfig(process.env);
  // Before anything that makes spans (or logs them) is built.
  const tracing = await startTracing(`ledgerline-${subgraph.name}`, config.tracing);
  const log = createLogger(subgraph.name, config.logLevel);
  const db = subgraph.openDatabase(config);
  const services = await subgraph.build(config, db, log);
  await listen(services.http.httpServer, config.port, config.host);
  const grpcPort = await services.grpc.listen(config.host, config.grpcPort);
  const metrics = metricsServer(services.metrics.registry);
  await listen(metrics, config.metricsPort, config.host);
  log.info(
    {
      url: `http://${config.host}:${config.port}/graphql`,
      grpc: `${config.host}:${grpcPort}`,
      metrics: `http://${config.host}:${config.metricsPort}/metrics`,
    },
    `${subgraph.name} listening`,
  );
  shutDownGracefullyOnSignals(log, async () => {
    await services.stopBackgroundWork?.();
    await Promise.all([services.http.stop(), services.grpc.drain(GRPC_NOT_SERVING_NOTICE_MS, GRPC_DRAIN_GRACE_MS)]);
    await db.$disconnect();
    // Last, so the drain itself can still be scraped.
    await closeMetricsServer(metrics);
    await tracing.shutdown();
  });
}
