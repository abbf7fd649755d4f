// An operation's estimated cost, counted before it is planned, so the cost limit can refuse work
// that would fan out across the subgraphs. The rule, kept simple on purpose:
//   - every field costs FIELD_COST, times the sizes of the lists it sits in;
//   - a field resolved by another subgraph than the one that resolved its parent (a root field,
//     or an entity fetch such as User.financialSummary under `me`) is a subgraph call: it costs
//     SUBGRAPH_CALL_COST more, once per path and not per list item, because the planner fetches a
//     whole list's entities in one call but every alias of a field in a call of its own;
//   - a list's size is its `limit`/`first`/`last` argument (a literal, or a variable's default
//     value in the operation, else the argument's default in the schema) up to LARGEST_LIST_SIZE,
//     else ASSUMED_LIST_SIZE;
//   - introspection fields cost FIELD_COST and are not walked into.
import {
  Kind,
  type ArgumentNode,
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

interface CostWalk {
  schema: GraphQLSchema;
  ownership: SubgraphOwnership;
  fragment(name: string): FragmentDefinitionNode | undefined;
  variableDefaults: ReadonlyMap<string, number>;
  /** Counting stops past this, so a document built to explode (fragments spread in fragments) costs no more than the limit to refuse. */
  budget: number;
  spent: number;
}

function literalInt(argument: ArgumentNode | undefined, walk: CostWalk): number | undefined {
  const value = argument?.value;
  if (value?.kind === Kind.INT) return Number(value.value);
  if (value?.kind === Kind.VARIABLE) return walk.variableDefaults.get(value.name.value);
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

function variableDefaultsOf(operation: OperationDefinitionNode): Map<string, number> {
  const defaults = new Map<string, number>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue?.kind === Kind.INT) defaults.set(definition.variable.name.value, Number(definition.defaultValue.value));
  }
  return defaults;
}

/** The estimated cost of one operation, or a number past `budget` as soon as counting passes it. */
export function operationCost(
  schema: GraphQLSchema,
  ownership: SubgraphOwnership,
  operation: OperationDefinitionNode,
  fragment: (name: string) => FragmentDefinitionNode | undefined,
  budget = Number.MAX_SAFE_INTEGER,
): number {
  const walk: CostWalk = { schema, ownership, fragment, variableDefaults: variableDefaultsOf(operation), budget, spent: 0 };
  selectionCost(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, null, 1, walk, new Set());
  return walk.spent;
}

/** Refuses each operation whose estimated cost is over `maxCost`. */
export function maxCostRule(ownership: SubgraphOwnership, maxCost: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const cost = operationCost(context.getSchema(), ownership, operation, (name) => context.getFragment(name) ?? undefined, maxCost);
      if (cost > maxCost) context.reportError(new OperationLimitError('cost', maxCost, operation));
    },
  });
}
