// An operation's estimated cost, counted before it is planned, so the cost limit can refuse work
// that would fan out across the subgraphs. The rule, kept simple on purpose:
//   - every field costs FIELD_COST, times the sizes of the lists it sits in;
//   - a field resolved by another subgraph than the one that resolved its parent (a root field,
//     or an entity fetch such as User.financialSummary under `me`) is a subgraph call: it costs
//     SUBGRAPH_CALL_COST more, once per path and not per list item, because the planner fetches a
//     whole list's entities in one call but every alias of a field in a call of its own;
//   - a list's size is its `limit`/`first`/`last` argument (a literal, or a variable's value in
//     the request, else that variable's default in the operation, else the argument's default in
//     the schema) up to LARGEST_LIST_SIZE, else ASSUMED_LIST_SIZE;
//   - introspection fields cost FIELD_COST and are not walked into.
// Validation sees no request, so there a list a variable sizes counts as 1, the least a request can
// make it: the document's cost at its cheapest. A default in the document is never trusted, since
// the request can replace it; each request is costed again with its variables (costRefusal).
import {
  Kind,
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { OperationLimitError } from './operationLimitError.js';
import type { SubgraphOwnership } from './subgraphOwnership.js';

export const FIELD_COST = 1;
export const SUBGRAPH_CALL_COST = 10;
export const ASSUMED_LIST_SIZE = 10;
/**
 * The largest page any list field serves (Finance's MAX_PAGE_SIZE): a larger `limit` is refused
 * by the subgraph with BAD_USER_INPUT naming it, so it costs no more than this here and the
 * caller hears that reason rather than the cost limit.
 */
export const LARGEST_LIST_SIZE = 500;
const LIST_SIZE_ARGUMENTS = new Set(['limit', 'first', 'last']);

/** A request's variables, as sent (JSON); `undefined` while validating, before any request is seen. */
type RequestVariables = Readonly<Record<string, unknown>> | undefined;

interface CostWalk {
  schema: GraphQLSchema;
  ownership: SubgraphOwnership;
  fragment(name: string): FragmentDefinitionNode | undefined;
  /** The size a variable gives a list; undefined leaves it to the argument's default in the schema. */
  variableSize(name: string): number | undefined;
  /** Counting stops past this, so a document built to explode (fragments spread in fragments) costs no more than the limit to refuse. */
  budget: number;
  spent: number;
}

function literalInt(argument: ArgumentNode | undefined, walk: CostWalk): number | undefined {
  const value = argument?.value;
  if (value?.kind === Kind.INT) return Number(value.value);
  if (value?.kind === Kind.VARIABLE) return walk.variableSize(value.name.value);
  return undefined;
}

function listSize(field: GraphQLField<unknown, unknown>, argumentNodes: readonly ArgumentNode[] | undefined, walk: CostWalk): number {
  for (const definition of field.args) {
    if (!LIST_SIZE_ARGUMENTS.has(definition.name)) continue;
    const given = literalInt(
      argumentNodes?.find((node) => node.name.value === definition.name),
      walk,
    );
    const size = given ?? (typeof definition.defaultValue === 'number' ? definition.defaultValue : undefined);
    if (size !== undefined) return Math.min(Math.max(1, size), LARGEST_LIST_SIZE);
  }
  return ASSUMED_LIST_SIZE;
}

// No isListType/getNamedType here: the gateway's schema comes from graphql's CommonJS build, and
// those predicates refuse its types from this ES module build ("from another module or realm").
const isList = (type: GraphQLOutputType) => type.toString().startsWith('[');
const namedTypeOf = (schema: GraphQLSchema, type: GraphQLOutputType) => schema.getType(type.toString().replace(/[[\]!]/g, ''));
const fieldsOf = (type: GraphQLNamedType | null | undefined) =>
  type !== null && type !== undefined && 'getFields' in type
    ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)
    : undefined;

const overlaps = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].some((graph) => b.has(graph));

/** `from`: the subgraphs that resolved the parent object; null at the root, where every field is a call. */
function selectionCost(
  selectionSet: SelectionSetNode,
  parentType: GraphQLNamedType | null | undefined,
  from: ReadonlySet<string> | null,
  multiplier: number,
  walk: CostWalk,
  spreading: ReadonlySet<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (walk.spent > walk.budget) return;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parentType;
      selectionCost(selection.selectionSet, type, from, multiplier, walk, spreading);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = walk.fragment(name);
      // A cycle is refused by graphql's own NoFragmentCycles rule; here it must only not loop.
      if (fragment === undefined || spreading.has(name)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value);
      selectionCost(fragment.selectionSet, type, from, multiplier, walk, new Set([...spreading, name]));
      continue;
    }
    walk.spent += FIELD_COST * multiplier;
    if (selection.name.value.startsWith('__')) continue;
    const field = fieldsOf(parentType)?.[selection.name.value];
    if (parentType === undefined || parentType === null || field === undefined) continue;
    const graphs = walk.ownership.graphsOf(parentType.name, field.name);
    const isCall = from === null || !overlaps(graphs, from);
    if (isCall) walk.spent += SUBGRAPH_CALL_COST;
    if (selection.selectionSet === undefined) continue;
    const resolvedBy = isCall ? graphs : new Set([...graphs].filter((graph) => from.has(graph)));
    const itemMultiplier = isList(field.type) ? multiplier * listSize(field, selection.arguments, walk) : multiplier;
    selectionCost(selection.selectionSet, namedTypeOf(walk.schema, field.type), resolvedBy, itemMultiplier, walk, spreading);
  }
}

/**
 * How the variables of `operation` size lists: as `variables` sets them, a variable the request
 * leaves out by its default in the operation; with no request yet, 1 each. A value that is no
 * number (null, or one coercion will refuse) leaves the size to the argument's default in the schema.
 */
function variableSizesOf(operation: OperationDefinitionNode, variables: RequestVariables): CostWalk['variableSize'] {
  if (variables === undefined) return () => 1;
  const defaults = new Map<string, unknown>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue?.kind === Kind.INT) defaults.set(definition.variable.name.value, Number(definition.defaultValue.value));
  }
  return (name) => {
    const value = Object.hasOwn(variables, name) ? variables[name] : defaults.get(name);
    return typeof value === 'number' ? value : undefined;
  };
}

interface CostOptions {
  /** Counting stops once past this; the cost is then some number over it. */
  budget?: number;
  /** The request's variables; without them (validation), each list a variable sizes counts as 1. */
  variables?: RequestVariables;
}

/** The estimated cost of one operation, or a number past `budget` as soon as counting passes it. */
export function operationCost(
  schema: GraphQLSchema,
  ownership: SubgraphOwnership,
  operation: OperationDefinitionNode,
  fragment: (name: string) => FragmentDefinitionNode | undefined,
  { budget = Number.MAX_SAFE_INTEGER, variables }: CostOptions = {},
): number {
  const walk: CostWalk = { schema, ownership, fragment, variableSize: variableSizesOf(operation, variables), budget, spent: 0 };
  selectionCost(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, null, 1, walk, new Set());
  return walk.spent;
}

/**
 * Refuses each operation whose cost is over `maxCost` even at its cheapest (every list a variable
 * sizes at 1), before the document is kept as valid; costRefusal sees each request's variables.
 */
export function maxCostRule(ownership: SubgraphOwnership, maxCost: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const fragment = (name: string) => context.getFragment(name) ?? undefined;
      const cost = operationCost(context.getSchema(), ownership, operation, fragment, { budget: maxCost });
      if (cost > maxCost) context.reportError(new OperationLimitError('cost', maxCost, operation));
    },
  });
}

/** One request of an operation: a document that passed validation, its operation, and its variables as sent. */
export interface OperationRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Readonly<Record<string, unknown>>;
}

/** The error refusing a request whose operation costs over `maxCost` with its variables, or null. */
export function costRefusal(ownership: SubgraphOwnership, maxCost: number, request: OperationRequest): OperationLimitError | null {
  const { schema, document, operation, variables } = request;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const cost = operationCost(schema, ownership, operation, (name) => fragments.get(name), { budget: maxCost, variables });
  return cost > maxCost ? new OperationLimitError('cost', maxCost, operation) : null;
}
