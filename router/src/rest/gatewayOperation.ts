// The bridge from a REST route to GraphQL: the route's operation runs on the Apollo Server that
// serves /graphql, with the RouterContext /graphql would build, so authentication, authorization
// and federation cannot differ between the two APIs. No route reaches a database any other way.
import type { ApolloServer } from '@apollo/server';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { GraphQLFormattedError } from 'graphql';
import { CACHE_STATUS_HEADER } from '../cache/responseCachePlugin.js';
import type { RouterContext } from '../context.js';
import { isDomainErrorCode, RestError } from './errorModel.js';

/**
 * Runs one GraphQL operation as the caller; its data, or the first error as a RestError. The
 * document is one of operations/, typed by codegen, so its variables and data are checked.
 */
export type RunOperation = <Data, Variables extends Record<string, unknown>>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
) => Promise<Data>;

/** The response headers a route's answer carries on, as /graphql's would: whether the response cache answered, when to try again. */
const PASSED_HEADERS = [CACHE_STATUS_HEADER, 'retry-after'];

/** `passHeader` receives each of PASSED_HEADERS the operation's answer has. */
export function operationRunner(
  apollo: ApolloServer<RouterContext>,
  context: RouterContext,
  passHeader: (name: string, value: string) => void,
): RunOperation {
  return async <Data, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
  ): Promise<Data> => {
    const response = await apollo.executeOperation<Data, Variables>({ query: document, variables }, { contextValue: context });
    for (const header of PASSED_HEADERS) {
      const value = response.http.headers.get(header);
      if (value !== undefined) passHeader(header, value);
    }
    if (response.body.kind !== 'single') throw new Error('REST operations do not use @defer or @stream');
    const { data, errors } = response.body.singleResult;
    const [firstError] = errors ?? [];
    if (firstError !== undefined) throw restErrorFrom(firstError, context);
    if (data === undefined || data === null) throw new Error('GraphQL answered neither data nor errors');
    return data;
  };
}

function restErrorFrom(error: GraphQLFormattedError, context: RouterContext): RestError {
  const domainError = restErrorOfDomain(error);
  if (domainError !== null) return domainError;
  // Masked already (maskInternalErrors); the log line ties it to the request id.
  context.log.error({ graphqlError: error }, 'GraphQL operation behind a REST route failed');
  return new RestError('INTERNAL_SERVER_ERROR', 'Internal server error');
}

/** A GraphQL error with a code the REST API passes on, as that RestError; null for any other. */
export function restErrorOfDomain(error: GraphQLFormattedError): RestError | null {
  const code = error.extensions?.['code'];
  if (!isDomainErrorCode(code)) return null;
  const field = error.extensions?.['field'];
  if (typeof field !== 'string') return new RestError(code, error.message);
  // Subgraphs write "amount: must be greater than 0"; details carry the part after the field.
  const problem = error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message;
  return new RestError(code, error.message, [{ field, message: problem }]);
}
