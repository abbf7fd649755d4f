// The HTTP side every subgraph shares: Apollo Server with the federated schema on /graphql,
// health probes, request logging and a drainable HTTP server.
import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import express from 'express';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { operationLogPlugin } from './apolloOperationLog.js';
import { callerAdmissionPlugin, type AdmitCaller } from './callerAdmission.js';
import { formatDatabaseUnavailable } from './databaseUnavailable.js';
import { formatDomainError } from './DomainError.js';
import { httpErrorHandler } from './httpErrorHandler.js';
import { mountHealthRoutes, type ReadinessCheck } from './healthRoutes.js';
import { maskInternalErrors } from './maskInternalErrors.js';
import { operationDurationHistogram, operationDurationPlugin } from './metrics/operationDurations.js';
import { subgraphContextFrom, type SubgraphContext } from './subgraphContext.js';
import { withServerSpans } from './tracing/httpServerSpans.js';
import { operationSpanAttributes } from './tracing/operationSpanAttributes.js';
import { tracingEnabled } from './tracing/tracingState.js';

export interface SubgraphServerOptions {
  typeDefs: DocumentNode;
  /**
   * The subgraph's resolvers, checked against its schema by its generated `Resolvers` type.
   * (@apollo/subgraph's GraphQLResolverMap types `__resolveReference` as a field resolver, which
   * federation's `(reference, context, info)` is not, so it cannot type them.)
   */
  resolvers: Record<string, unknown>;
  routerSigningSecret: string;
  /** Whether a signed-in caller's session is still live; runs once per operation, before any resolver. */
  admitCaller: AdmitCaller;
  readinessChecks: ReadinessCheck[];
  /** The service's registry: the operation histogram goes in it. */
  metrics: Registry;
  log: Logger;
}

export interface SubgraphServer {
  httpServer: Server;
  stop(): Promise<void>;
}

export async function createSubgraphServer(options: SubgraphServerOptions): Promise<SubgraphServer> {
  const { log } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(withServerSpans(app));
  const apollo = new ApolloServer<SubgraphContext>({
    // Resolvers are typed by codegen against SubgraphContext, which the context function below guarantees.
    schema: buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    includeStacktraceInErrorResponses: false,
    // Our own handler drains and exits once; Apollo's would stop the server and re-raise the signal.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) =>
      formatDomainError(formatted, error) ?? formatDatabaseUnavailable(formatted, error) ?? maskInternalErrors(formatted),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Traces are for Apollo's hosted reporting, which Ledgerline does not use.
      ApolloServerPluginInlineTraceDisabled(),
      // Nothing reads cache hints (the router caches by its own rules), and the default plugin wraps
      // every field's resolver to compute them: a tenth of a dashboard request's CPU.
      ApolloServerPluginCacheControlDisabled(),
      operationLogPlugin(),
      operationDurationPlugin(operationDurationHistogram(options.metrics, 'ledgerline_subgraph_operation_duration_seconds')),
      callerAdmissionPlugin(options.admitCaller),
      ...(tracingEnabled() ? [operationSpanAttributes<SubgraphContext>()] : []),
    ],
  });
  await apollo.start();

  mountHealthRoutes(app, { required: options.readinessChecks }, log);
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => subgraphContextFrom(req.headers, options.routerSigningSecret, log),
    }),
  );
  app.use(httpErrorHandler(log));

  return {
    httpServer,
    stop: () => apollo.stop(),
  };
}
