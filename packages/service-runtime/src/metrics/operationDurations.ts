// How long GraphQL operations over HTTP take and whether they failed, by bounded operation name
// and type: one Apollo Server plugin for the router's gateway and the subgraphs alike.
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { Histogram, type Registry } from 'prom-client';
import { boundedOperationNames } from './boundedOperationNames.js';

export type OperationLabel = 'operation_name' | 'operation_type' | 'outcome';

/** `name` is the service's own, e.g. ledgerline_router_operation_duration_seconds. */
export function operationDurationHistogram(registry: Registry, name: string): Histogram<OperationLabel> {
  return new Histogram({
    name,
    help: 'GraphQL operations, by operation name (the first 100 distinct names, then "other"; "anonymous" without one), type (query, mutation, subscription; unknown when the document did not parse or validate) and outcome (ok, error).',
    labelNames: ['operation_name', 'operation_type', 'outcome'],
    registers: [registry],
  });
}

/** An answer with errors, or any status but 2xx, is an error. */
function outcomeOf(response: GraphQLRequestContextWillSendResponse<BaseContext>['response']): 'ok' | 'error' {
  const httpStatus = response.http.status ?? 200;
  if (httpStatus < 200 || httpStatus >= 300) return 'error';
  const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
  return errors !== undefined && errors.length > 0 ? 'error' : 'ok';
}

export function operationDurationPlugin<Context extends BaseContext>(histogram: Histogram<OperationLabel>): ApolloServerPlugin<Context> {
  const labelOf = boundedOperationNames();
  return {
    async requestDidStart({ request }) {
      // Operations run in-process (executeOperation: the router's REST routes and subscriptions)
      // carry no HTTP request and are timed where they are served instead.
      if (request.http === undefined) return;
      const started = performance.now();
      return {
        async willSendResponse({ operation, operationName, response }) {
          // Only a name the document really gives its operation, never the request's operationName field alone.
          const labels = {
            operation_name: labelOf(operation === undefined ? null : operationName),
            operation_type: operation?.operation ?? 'unknown',
            outcome: outcomeOf(response),
          };
          histogram.observe(labels, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
