import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from 'pino';

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
          const codes = errors?.map((error) => error.extensions['code'] ?? 'INTERNAL_SERVER_ERROR');
          contextValue.log.info({ operationName, durationMs, errorCodes: codes }, 'graphql operation');
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (error.extensions['code'] === undefined || error.extensions['code'] === 'INTERNAL_SERVER_ERROR') {
              contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
            }
          }
        },
      };
    },
  };
}
