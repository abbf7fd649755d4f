export { createLogger, type Logger } from './logger.js';
export { REQUEST_ID_HEADER, requestIdFrom } from './requestId.js';
export { mountHealthRoutes, type ReadinessCheck } from './healthRoutes.js';
export { shutDownGracefullyOnSignals } from './gracefulShutdown.js';
export { listen } from './listen.js';
export {
  loadConfig,
  unsetIfEmpty,
  optionalVariable,
  variableWithDefault,
  portVariable,
  hostVariable,
  dataDirVariable,
  logLevelSchema,
} from './loadConfig.js';
export { devSecret, type DevSecretName } from './devSecrets.js';
export { defaultDataDir } from './dataDir.js';
export { operationLogPlugin, type LoggingContext } from './apolloOperationLog.js';
export { maskInternalErrors } from './maskInternalErrors.js';
export { DomainError, badInput, formatDomainError, type DomainErrorCode } from './DomainError.js';
export { subgraphContextFrom, requireUser, type SubgraphContext } from './subgraphContext.js';
export { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from './subgraphServer.js';
export { idArgument } from './idArgument.js';
export {
  subgraphVariables,
  databaseSchemaVariable,
  databaseUrlOf,
  requireInProduction,
  subgraphConfigFrom,
  secretOrDevSecret,
  type SubgraphConfig,
} from './subgraphConfig.js';
export { runSubgraph, type SubgraphProcess } from './runSubgraph.js';
export { httpErrorHandler } from './httpErrorHandler.js';
export { isPrismaError } from './prismaErrors.js';
