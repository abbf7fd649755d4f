// Composes the supergraph offline from the subgraphs' own SDL files, with @apollo/composition:
// no Rover, no downloaded binaries, no introspection of running subgraphs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const require = createRequire(import.meta.url);

export interface SubgraphLocation {
  name: string;
  url: string;
  /** The subgraph's SDL file, the `./schema.graphql` export of its package. */
  schemaFile: string;
}

export function subgraphLocations(urls: { user: string; finance: string }): SubgraphLocation[] {
  return [
    { name: 'user', url: urls.user, schemaFile: require.resolve('@ledgerline/user-subgraph/schema.graphql') },
    { name: 'finance', url: urls.finance, schemaFile: require.resolve('@ledgerline/finance-subgraph/schema.graphql') },
  ];
}

export function composeSupergraph(subgraphs: SubgraphLocation[]): string {
  const result = composeServices(
    subgraphs.map(({ name, url, schemaFile }) => ({
      name,
      url,
      typeDefs: parse(readFileSync(schemaFile, 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((error) => `  ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
