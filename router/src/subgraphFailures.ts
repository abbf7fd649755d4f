// What a subgraph that could not answer leaves in the client's answer: an error with a code on
// each field it should have filled, while every other subgraph's fields are kept. The gateway
// itself would report a failed call once, with no path and no code, and lose the whole answer.
import { GraphQLError, Kind, parse, type DocumentNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';

export type SubgraphFailure = 'SUBGRAPH_UNAVAILABLE' | 'SUBGRAPH_TIMEOUT';

/** Why a call failed, or null when the subgraph did answer (with an HTTP status the gateway reports itself). */
export function subgraphFailureOf(error: unknown): SubgraphFailure | null {
  if (!(error instanceof Error)) return null;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'SUBGRAPH_TIMEOUT';
  if (error instanceof GraphQLError) {
    const status = (error.extensions['response'] as { status?: unknown } | undefined)?.status;
    return typeof status === 'number' && status >= 500 ? 'SUBGRAPH_UNAVAILABLE' : null;
  }
  // fetch's "fetch failed" (refused, reset, closed), or a body that stopped arriving.
  return 'SUBGRAPH_UNAVAILABLE';
}

function messageOf(failure: SubgraphFailure, subgraph: string): string {
  return failure === 'SUBGRAPH_TIMEOUT'
    ? `The ${subgraph} service did not answer in time, so this field is missing; a write may or may not have been applied: retry it with the same Idempotency-Key`
    : `The ${subgraph} service could not be reached, so this field is missing; try again shortly`;
}

/** The response names (aliases) a selection set asks for, through inline fragments. */
function responseNamesOf(selectionSet: SelectionSetNode): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === '__typename' ? [] : [(selection.alias ?? selection.name).value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return responseNamesOf(selection.selectionSet);
    return [];
  });
}

/**
 * One error per field the failed call would have filled, on the path the gateway maps into the
 * client's answer: `[field]` for a root call, `['_entities', i, field]` for the i-th entity.
 */
export function failureErrors(
  failure: SubgraphFailure,
  subgraph: string,
  call: { query: string; document?: DocumentNode | undefined; variables?: Record<string, unknown> | undefined },
): GraphQLFormattedError[] {
  const document = call.document ?? parse(call.query);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operation === undefined) return [];
  const message = messageOf(failure, subgraph);
  const extensions = { code: failure };
  const entities = operation.selectionSet.selections.find(
    (selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities',
  );
  if (entities === undefined || entities.kind !== Kind.FIELD || entities.selectionSet === undefined) {
    return responseNamesOf(operation.selectionSet).map((field) => ({ message, path: [field], extensions }));
  }
  const fields = responseNamesOf(entities.selectionSet);
  const representations = Array.isArray(call.variables?.['representations']) ? call.variables['representations'] : [];
  return representations.flatMap((_, index) => fields.map((field) => ({ message, path: ['_entities', index, field], extensions })));
}
