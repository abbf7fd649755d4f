import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from './databaseUnavailable.js';
import { DomainError } from './DomainError.js';

/** The code the caller will see; formatError has not run yet when plugins look. */
function errorCodeOf(error: GraphQLError): unknown {
  if (error.originalError instanceof DomainError) return error.originalError.code;
  if (isDatabaseUnavailable(error.originalError)) return 'SERVICE_UNAVAILABLE';
  // extensions is optional for errors that did not come through graphql's constructor (a subgraph's, passed on).
  return (error.extensions as GraphQLError['extensions'] | undefined)?.['code'] ?? 'INTERNAL_SERVER_ERROR';
}

const isUnexpected = (error: GraphQLError): boolean => errorCodeOf(error) === 'INTERNAL_SERVER_ERROR';

export interface LoggingContext extends BaseContext {
  log: Logger;
}

/** One log line per GraphQL operation, carrying the request id through the context's logger. */
export function operationLogPlugin<Context extends LoggingContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors }) {
          const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
          const codes = errors?.map(errorCodeOf);
          contextValue.log.info({ operationName, durationMs, errorCodes: codes }, 'graphql operation');
        },
        async didEncounterErrors({ errors }) {
          // Refusals the domain meant (bad input, forbidden, ...) are answers, not incidents.
          for (const error of errors) {
            if (isDatabaseUnavailable(error.originalError)) {
              contextValue.log.warn({ err: error.originalError, path: error.path }, 'database unavailable');
            } else if (isUnexpected(error)) {
              contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
            }
          }
        },
      };
    },
  };
}
