// Whether an event selection reads the same for every member of the group, so that one read of
// an event can serve all its subscribers. Deny by default: a field is shared only when it is on a
// type every member sees alike, or is one of a User's public fields; anything else (a
// contributor's email, their finance data, a type added later) is read once per viewer.
import { getNamedType, print, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GroupEventQuery } from './groupEventQuery.js';

/** Types whose every field reads the same for every member of the group. */
const GROUP_WIDE_TYPES = new Set(['Query', 'GroupSavingsEvent', 'GroupContribution', 'GroupProgressSnapshot']);
/** The fields of a User that any signed-in user reads alike. */
const PUBLIC_USER_FIELDS = new Set(['id', 'username', 'createdAt']);

export function dependsOnViewer(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let dependent = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(field) {
        const name = field.name.value;
        if (name === '__typename') return;
        const parent = typeInfo.getParentType();
        const parentName = parent ? getNamedType(parent).name : '';
        const shared = GROUP_WIDE_TYPES.has(parentName) || (parentName === 'User' && PUBLIC_USER_FIELDS.has(name));
        if (!shared) dependent = true;
      },
    }),
  );
  return dependent;
}

/** Which subscribers share a read: those with the same key. */
export interface Sharing {
  key: string;
  scope: 'shared' | 'viewer';
}

/** JSON with object keys sorted, so equal variables give equal keys. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(',')}}`;
}

/**
 * How a query's subscribers share reads: by (document, variables), and by viewer too when the
 * selection depends on who reads it.
 */
export function sharingOf(schema: GraphQLSchema, query: GroupEventQuery): (viewerId: number) => Sharing {
  const selection = `${print(query.document)}\n${canonicalJson(query.variables)}`;
  if (!dependsOnViewer(schema, query.document)) {
    const shared: Sharing = { key: selection, scope: 'shared' };
    return () => shared;
  }
  return (viewerId) => ({ key: `${selection}\nviewer:${viewerId}`, scope: 'viewer' });
}
