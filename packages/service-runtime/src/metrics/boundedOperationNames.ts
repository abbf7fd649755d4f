// The operation_name label of the operation histograms (router and subgraphs alike): a client
// names its operations freely, so only the first names a process sees become label values.

/** Distinct operation names one process keeps as label values; later names count as "other". */
export const OPERATION_NAME_LIMIT = 100;
/** A longer name is valid GraphQL but no name a client would send on purpose. */
const MAX_NAME_LENGTH = 100;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

export const ANONYMOUS_OPERATION = 'anonymous';
export const OTHER_OPERATIONS = 'other';

/**
 * A label for an operation's name: the name itself while it is among the first `limit` distinct
 * names seen, "other" past that or when it is not a GraphQL name, "anonymous" when it has none.
 */
export function boundedOperationNames(limit = OPERATION_NAME_LIMIT): (name: string | null | undefined) => string {
  const known = new Set<string>();
  return (name) => {
    if (name === null || name === undefined || name === '') return ANONYMOUS_OPERATION;
    if (known.has(name)) return name;
    if (name.length > MAX_NAME_LENGTH || !GRAPHQL_NAME.test(name) || known.size >= limit) return OTHER_OPERATIONS;
    known.add(name);
    return name;
  };
}
