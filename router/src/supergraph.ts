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
  /** The package whose `./schema.graphql` export is the subgraph's SDL. */
  schemaPackage: string;
}

export function subgraphLocations(urls: { user: string; finance: string }): SubgraphLocation[] {
  return [
    { name: 'user', url: urls.user, schemaPackage: '@ledgerline/user-subgraph' },
    { name: 'finance', url: urls.finance, schemaPackage: '@ledgerline/finance-subgraph' },
  ];
}

export function composeSupergraph(subgraphs: SubgraphLocation[]): string {
  const result = composeServices(
    subgraphs.map(({ name, url, schemaPackage }) => ({
      name,
      url,
      typeDefs: parse(readFileSync(require.resolve(`${schemaPackage}/schema.graphql`), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((error) => `  ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
