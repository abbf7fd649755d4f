// A groupSavingsProgress subscription turned into the query that reads its events: the client's
// own selection of GroupSavingsEvent, asked of Query.savingsGroupEvents through the gateway. So
// each event is resolved by federation like any query (contributor { username } from the User
// subgraph), authorised as the subscriber, logged and masked like any operation.
import {
  getArgumentValues,
  GraphQLError,
  Kind,
  OperationTypeNode,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';

const SUBSCRIPTION_FIELD = 'groupSavingsProgress';
/** The alias under which the router reads each event's sequence, whatever the client selected. */
const SEQUENCE_ALIAS = 'ledgerlineSequence';
/** Events read per round trip; a resume with more missed events takes several. */
export const EVENTS_PER_READ = 100;

export interface GroupEventQuery {
  groupId: string;
  since: number | null;
  /** Where the client expects the event in each result: the root field's alias or name. */
  responseKey: string;
  /** Variables: the client's, plus ledgerlineGroupId and ledgerlineAfter (set per read). */
  document: DocumentNode;
  operationName: string;
  variables: Record<string, unknown>;
  /** The sequence of an event as the query returns it, and the event as the client asked for it. */
  split(event: Record<string, unknown>): { sequence: number; event: Record<string, unknown> };
}

const field = (name: string, alias?: string, selections?: FieldNode['selectionSet']): FieldNode => ({
  kind: Kind.FIELD,
  name: { kind: Kind.NAME, value: name },
  ...(alias ? { alias: { kind: Kind.NAME, value: alias } } : {}),
  ...(selections ? { selectionSet: selections } : {}),
});

const variable = (name: string) => ({ kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } }) as const;
const argument = (name: string, value: ReturnType<typeof variable> | { kind: Kind.INT; value: string }): ArgumentNode => ({
  kind: Kind.ARGUMENT,
  name: { kind: Kind.NAME, value: name },
  value,
});
const variableDefinition = (name: string, type: string): VariableDefinitionNode => ({
  kind: Kind.VARIABLE_DEFINITION,
  variable: variable(name),
  type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type } } },
});

/** The variables a piece of the document uses. */
function variablesUsedIn(nodes: readonly object[]): Set<string> {
  const used = new Set<string>();
  for (const node of nodes) visit(node as FieldNode, { Variable: (found) => void used.add(found.name.value) });
  return used;
}

/**
 * The query for a validated subscription operation of the API schema, or a GraphQLError for one
 * that is not a single groupSavingsProgress field.
 */
export function groupEventQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): GroupEventQuery {
  const [root, ...others] = operation.selectionSet.selections;
  if (root?.kind !== Kind.FIELD || others.length > 0 || root.name.value !== SUBSCRIPTION_FIELD || root.selectionSet === undefined) {
    throw new GraphQLError(`Select ${SUBSCRIPTION_FIELD} directly, as the subscription's only field`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const fieldDefinition = schema.getSubscriptionType()?.getFields()[SUBSCRIPTION_FIELD];
  if (fieldDefinition === undefined) throw new Error(`The schema has no Subscription.${SUBSCRIPTION_FIELD}`);
  const args = getArgumentValues(fieldDefinition, root, variables) as { groupId: string; since?: number | null };
  // Finance reads events `after` a sequence; the subscriber said `since`, so the refusal names that.
  if (args.since !== undefined && args.since !== null && args.since < 0) {
    throw new GraphQLError('since: must be a sequence, 0 or more', { extensions: { code: 'BAD_USER_INPUT', field: 'since' } });
  }

  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const used = variablesUsedIn([root.selectionSet, ...fragments]);
  const responseKey = root.alias?.value ?? root.name.value;
  const operationName = `${operation.name?.value ?? 'GroupSavingsProgress'}Events`;
  const eventsField: FieldNode = {
    ...field('savingsGroupEvents', responseKey, {
      kind: Kind.SELECTION_SET,
      selections: [field('sequence', SEQUENCE_ALIAS), ...root.selectionSet.selections],
    }),
    arguments: [
      argument('groupId', variable('ledgerlineGroupId')),
      argument('after', variable('ledgerlineAfter')),
      argument('limit', { kind: Kind.INT, value: String(EVENTS_PER_READ) }),
    ],
  };
  const query: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: OperationTypeNode.QUERY,
    name: { kind: Kind.NAME, value: operationName },
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []).filter((definition) => used.has(definition.variable.name.value)),
      variableDefinition('ledgerlineGroupId', 'ID'),
      variableDefinition('ledgerlineAfter', 'Int'),
    ],
    directives: [],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [eventsField] },
  };
  const clientVariables = Object.fromEntries(Object.entries(variables).filter(([name]) => used.has(name)));
  return {
    groupId: args.groupId,
    since: args.since ?? null,
    responseKey,
    document: { kind: Kind.DOCUMENT, definitions: [query, ...fragments] },
    operationName,
    variables: { ...clientVariables, ledgerlineGroupId: args.groupId },
    split(event) {
      const { [SEQUENCE_ALIAS]: sequence, ...selected } = event;
      return { sequence: Number(sequence), event: selected };
    },
  };
}
