export { createLogger, type Logger } from './logger.js';
export { REQUEST_ID_HEADER, requestIdFrom } from './requestId.js';
export {
  DEADLINE_HEADER,
  DEADLINE_AT_HEADER,
  CLOCK_SKEW_ALLOWANCE_MS,
  deadlineFrom,
  remainingMs,
  earlierDeadline,
  assertTimeLeft,
  deadlineExceeded,
  type Deadline,
} from './deadlines.js';
export { IDEMPOTENCY_KEY_HEADER, idempotencyKeyFrom } from './idempotencyKey.js';
export { mountHealthRoutes, type Readiness, type ReadinessCheck } from './healthRoutes.js';
export { FORCED_EXIT_AFTER_MS, shutDownGracefullyOnSignals } from './gracefulShutdown.js';
export { runPeriodically } from './periodicTask.js';
export { requestScoped } from './requestScoped.js';
export { listen } from './listen.js';
export {
  loadConfig,
  configurationProblems,
  unsetIfEmpty,
  optionalVariable,
  variableWithDefault,
  redisKeyPrefixVariable,
  portVariable,
  hostVariable,
  grpcAddressVariable,
  logLevelSchema,
} from './loadConfig.js';
export { defaultDataDir } from './dataDir.js';
export { operationLogPlugin, type LoggingContext } from './apolloOperationLog.js';
export { maskInternalErrors } from './maskInternalErrors.js';
export { DomainError, badInput, formatDomainError, type DomainErrorCode } from './DomainError.js';
export { plainText, hasControlCharacter } from './plainText.js';
export { subgraphContextFrom, requireUser, requireCaller, type SubgraphContext } from './subgraphContext.js';
export { type AdmitCaller } from './callerAdmission.js';
export { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from './subgraphServer.js';
export { idArgument } from './idArgument.js';
export { subgraphVariables, databaseSchemaVariable, databaseUrlOf, subgraphConfigFrom, type SubgraphConfig } from './subgraphConfig.js';
export { requiredSecrets } from './requiredSecrets.js';
export { runSubgraph, type SubgraphProcess, type SubgraphServices } from './runSubgraph.js';
export { httpErrorHandler } from './httpErrorHandler.js';
export { isPrismaError } from './prismaErrors.js';
export { isDatabaseUnavailable } from './databaseUnavailable.js';
export { createGrpcServer, type GrpcServer, type GrpcServiceBinding } from './grpcServer.js';
export { unaryHandler, credentialOf, type GrpcHandlerSettings } from './grpcHandlers.js';
export { connectPeer, callPeer, credentialMetadata, type GrpcPeer, type GrpcCallerIdentity } from './grpcClient.js';
export { errorFromFailedCall, grpcStatusOf } from './grpcStatus.js';
export { refusedToken } from './tokenRefusal.js';
export { userServiceTokenChecks, type TokenChecks, type Freshness } from './tokenChecks.js';
export { DateTime } from './dateTimeScalar.js';
export { tracingVariables, tracingSettingsFrom, type TracingSettings } from './tracing/tracingConfig.js';
export { startTracing, type Tracing } from './tracing/tracing.js';
export { ledgerlineTracer, tracingEnabled } from './tracing/tracingState.js';
export { activeTraceParent, contextOfTraceParent, extractTraceContext, outsideAnyTrace } from './tracing/traceContext.js';
export { withServerSpans } from './tracing/httpServerSpans.js';
export { routeTemplateOf } from './routeTemplate.js';
export { withClientSpan } from './tracing/httpClientSpans.js';
export { traceStatements } from './tracing/postgresSpans.js';
export { recordFailure } from './tracing/spanFailure.js';
export { tracedWork } from './tracing/tracedWork.js';
export { serviceMetrics, type ServiceMetrics } from './metrics/serviceMetrics.js';
export { type GrpcCallMetrics } from './metrics/grpcCallMetrics.js';
export { operationDurationHistogram, operationDurationPlugin, type OperationLabel } from './metrics/operationDurations.js';
export { metricsServer, closeMetricsServer } from './metrics/metricsServer.js';
