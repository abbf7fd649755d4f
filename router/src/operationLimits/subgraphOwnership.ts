// Which subgraphs can resolve each field, read from the supergraph's join__ directives: a field
// marked @join__field(graph: G) is resolved by those graphs (not where it is only @external);
// a field without one by every graph that declares its type (@join__type).
import { Kind, parse, type ConstDirectiveNode, type FieldDefinitionNode } from 'graphql';

export interface SubgraphOwnership {
  /** The subgraphs that resolve `typeName.fieldName`; empty for a field the supergraph does not know. */
  graphsOf(typeName: string, fieldName: string): ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

function argumentOf(directive: ConstDirectiveNode, name: string): string | boolean | undefined {
  const value = directive.arguments?.find((argument) => argument.name.value === name)?.value;
  if (value?.kind === Kind.ENUM || value?.kind === Kind.STRING) return value.value;
  if (value?.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

function graphsOfDirectives(directives: readonly ConstDirectiveNode[] | undefined, directiveName: string): string[] {
  return (directives ?? [])
    .filter((directive) => directive.name.value === directiveName && argumentOf(directive, 'external') !== true)
    .flatMap((directive) => {
      const graph = argumentOf(directive, 'graph');
      return typeof graph === 'string' ? [graph] : [];
    });
}

function fieldGraphs(field: FieldDefinitionNode, typeGraphs: string[]): Set<string> {
  const own = graphsOfDirectives(field.directives, 'join__field');
  return new Set(own.length > 0 ? own : typeGraphs);
}

export function subgraphOwnership(supergraphSdl: string): SubgraphOwnership {
  const fields = new Map<string, ReadonlySet<string>>();
  for (const definition of parse(supergraphSdl, { noLocation: true }).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    const typeGraphs = graphsOfDirectives(definition.directives, 'join__type');
    for (const field of definition.fields ?? []) {
      fields.set(`${definition.name.value}.${field.name.value}`, fieldGraphs(field, typeGraphs));
    }
  }
  return { graphsOf: (typeName, fieldName) => fields.get(`${typeName}.${fieldName}`) ?? NONE };
}
