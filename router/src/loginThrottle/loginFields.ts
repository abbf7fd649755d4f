// Where an operation logs in: the `login` fields at the root of a mutation, whether written there
// or in fragments, and the email each names, from a literal or a variable.
import {
  Kind,
  OperationTypeNode,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface LoginField {
  /** Where its answer is in `data`: the alias, or `login`. */
  responseKey: string;
  /** As the client wrote it; null when it is not a string (the operation then fails validation anyway). */
  email: string | null;
}

export function loginFieldsOf(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): LoginField[] {
  if (operation.operation !== OperationTypeNode.MUTATION) return [];
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
    ),
  );
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (selections: SelectionSetNode): void => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === 'login') fields.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        // A fragment spread twice is one set of fields; a cycle is refused by validation, not followed here.
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment !== undefined) visit(fragment.selectionSet);
      }
    }
  };
  visit(operation.selectionSet);
  return fields.map((field) => ({ responseKey: field.alias?.value ?? field.name.value, email: emailOf(field, variables) }));
}

function emailOf(field: FieldNode, variables: Record<string, unknown> | undefined): string | null {
  const argument = field.arguments?.find((candidate) => candidate.name.value === 'email');
  if (argument === undefined) return null;
  const value: unknown = valueFromASTUntyped(argument.value, variables);
  return typeof value === 'string' ? value : null;
}
