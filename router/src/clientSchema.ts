// The schema clients of the router see: the composed supergraph without its federation
// internals (join__ types, @link, _entities). The web SDK's types are generated from it.
import { printSchema, Supergraph } from '@apollo/federation-internals';
import { composeSupergraph, subgraphLocations } from './supergraph.js';

// Subgraph URLs only route the router's calls; the client-facing schema does not depend on them.
const UNUSED_URLS = { user: 'http://user.invalid/graphql', finance: 'http://finance.invalid/graphql' };

/** The client-facing part of a supergraph, as SDL. */
export function apiSchemaSdl(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema());
}

/** The client-facing schema as SDL, composed offline from the subgraphs' own SDL files. */
export function clientSchemaSdl(): string {
  return apiSchemaSdl(composeSupergraph(subgraphLocations(UNUSED_URLS)));
}
