// Whether an operation is one the response cache may keep, by the policy in cachePolicy.ts: a
// query reading only cached fields of the caller. Worked out once per parsed document.
import {
  Kind,
  OperationTypeNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type DocumentNode,
} from 'graphql';
import { CACHED_KINDS, CACHED_USER_FIELDS, VIEWER_ROOT_FIELDS, type CachedKind } from './cachePolicy.js';

/** Where the caller's id must appear for the query to read the caller's own data. */
type ViewerArgument = { variable: string } | { literal: string };

export interface CacheableQuery {
  /** What the response holds, so which writes invalidate it. */
  kinds: CachedKind[];
  /** `user(id: …)` arguments that must name the caller; none for `me`. */
  viewerArguments: ViewerArgument[];
}

/** Null when the operation reads anything the policy does not cache, or is not a query. */
export function cacheableQuery(document: DocumentNode, operation: OperationDefinitionNode): CacheableQuery | null {
  if (operation.operation !== OperationTypeNode.QUERY) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const kinds = new Set<CachedKind>();
  const viewerArguments: ViewerArgument[] = [];
  for (const field of fieldsOf(operation.selectionSet, fragments)) {
    if (field === null) return null;
    if (field.name.value === '__typename') continue;
    const root = VIEWER_ROOT_FIELDS[field.name.value];
    if (root === undefined || field.selectionSet === undefined) return null;
    if (root !== 'viewer') {
      const argument = field.arguments?.find((candidate) => candidate.name.value === root.viewerArgument);
      const viewer = argument === undefined ? null : viewerArgumentOf(argument.value);
      if (viewer === null) return null;
      viewerArguments.push(viewer);
    }
    for (const userField of fieldsOf(field.selectionSet, fragments)) {
      if (userField === null) return null;
      const kind = CACHED_USER_FIELDS[userField.name.value];
      if (kind === undefined) return null;
      if (kind !== null) kinds.add(kind);
    }
  }
  // Nothing but ids and type names: no cost worth a cache entry.
  if (kinds.size === 0) return null;
  return { kinds: CACHED_KINDS.filter((kind) => kinds.has(kind)), viewerArguments };
}

/** Whether every `user(id: …)` of the query names the caller, with this request's variables. */
export function readsOnlyViewer(query: CacheableQuery, viewerId: number, variables: Record<string, unknown> | undefined): boolean {
  return query.viewerArguments.every((argument) => {
    const value = 'literal' in argument ? argument.literal : variables?.[argument.variable];
    return (typeof value === 'string' || typeof value === 'number') && String(value) === String(viewerId);
  });
}

function viewerArgumentOf(value: ValueNode): ViewerArgument | null {
  if (value.kind === Kind.VARIABLE) return { variable: value.name.value };
  if (value.kind === Kind.STRING || value.kind === Kind.INT) return { literal: value.value };
  return null;
}

type FieldNodeOf<S extends SelectionSetNode> = Extract<S['selections'][number], { kind: Kind.FIELD }>;

/**
 * The fields a selection set reads, fragments spread in; null in place of a spread of an
 * unknown fragment (validation refuses those, so it only guards). Directives such as @skip are
 * not evaluated: a field that might be read counts as read.
 */
function* fieldsOf(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
): Generator<FieldNodeOf<SelectionSetNode> | null> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      yield selection;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      yield* fieldsOf(selection.selectionSet, fragments);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment === undefined) yield null;
      else yield* fieldsOf(fragment.selectionSet, fragments);
    }
  }
}
