import type { GraphQLFormattedError } from 'graphql';

/**
 * Errors we raise on purpose carry a code and a message meant for the caller. Anything else
 * (a driver failure, a bug) is logged by operationLogPlugin and reaches the caller only as a code.
 */
export function maskInternalErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.['code'];
  if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  return {
    message: 'Internal server error',
    ...(formatted.path === undefined ? {} : { path: formatted.path }),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
