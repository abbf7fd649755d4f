// How the router's errors reach clients: the subgraphs' shared masking (maskInternalErrors), plus
// what only the router needs: operation limits keep their own code, and the gateway's internal
// details about which subgraph said what are taken out of every error's extensions.
import { maskInternalErrors } from '@ledgerline/service-runtime';
import type { GraphQLFormattedError } from 'graphql';
import { operationLimitAnswer } from './operationLimits/operationLimitError.js';

/** Extensions @apollo/gateway and its data sources add: the subgraph's name, its HTTP response (URL, status, body). */
const INTERNAL_EXTENSIONS = new Set(['serviceName', 'response']);

function withoutInternalDetails(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { extensions } = formatted;
  if (extensions === undefined || !Object.keys(extensions).some((key) => INTERNAL_EXTENSIONS.has(key))) return formatted;
  return { ...formatted, extensions: Object.fromEntries(Object.entries(extensions).filter(([key]) => !INTERNAL_EXTENSIONS.has(key))) };
}

export function formatRouterError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  return withoutInternalDetails(operationLimitAnswer(formatted, error) ?? maskInternalErrors(formatted));
}
