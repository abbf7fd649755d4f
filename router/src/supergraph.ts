// Composes the supergraph offline from the subgraphs' own SDL files, with @apollo/composition:
// no Rover, no downloaded binaries, no introspection of running subgraphs. `npm run build` writes
// it to an artifact (writeSupergraph.ts) the compiled router loads instead of composing.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { composeServices } from '@apollo/composition';
import { Kind, parse, print, visit, type ArgumentNode } from 'graphql';

const require = createRequire(import.meta.url);

export interface SubgraphLocation {
  name: string;
  url: string;
  /** The subgraph's SDL file, the `./schema.graphql` export of its package. */
  schemaFile: string;
}

/** Each subgraph's URL, by its name in the supergraph (a type, not an interface, so Object.entries sees strings). */
export type SubgraphUrls = { user: string; finance: string };

export function subgraphLocations(urls: SubgraphUrls): SubgraphLocation[] {
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

function stringArgument(argumentsOf: readonly ArgumentNode[] | undefined, name: string): string | undefined {
  const value = argumentsOf?.find((argument) => argument.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/**
 * The supergraph with every subgraph's URL (its `@join__graph(url:)`) taken from `urls`, whatever
 * URLs it was composed with: one artifact serves every deployment. Printed the same way however it
 * was obtained, so routers given the same schema agree on it (the response cache's keys hash it).
 */
export function withSubgraphUrls(supergraphSdl: string, urls: SubgraphUrls): string {
  const known: Record<string, string> = { ...urls };
  const document = visit(parse(supergraphSdl), {
    Directive(directive) {
      if (directive.name.value !== 'join__graph') return undefined;
      const name = stringArgument(directive.arguments, 'name');
      const url = name === undefined ? undefined : known[name];
      if (url === undefined) throw new Error(`The supergraph has a subgraph "${name ?? '?'}" the router has no URL for`);
      const others = (directive.arguments ?? []).filter((argument) => argument.name.value !== 'url');
      const urlArgument = {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'url' },
        value: { kind: Kind.STRING, value: url },
      } as const;
      return { ...directive, arguments: [...others, urlArgument] };
    },
  });
  return print(document);
}

/**
 * The supergraph the router serves: read from `supergraphFile` (the artifact `npm run build`
 * composed), or, without one, composed now from the subgraphs' SDL files (running from source).
 */
export async function routerSupergraph(supergraphFile: string | null, urls: SubgraphUrls): Promise<string> {
  if (supergraphFile === null) return withSubgraphUrls(composeSupergraph(subgraphLocations(urls)), urls);
  const supergraphSdl = await readFile(supergraphFile, 'utf8').catch((error: unknown) => {
    throw new Error(`Cannot read the supergraph ${supergraphFile} (\`npm run build\` writes it; SUPERGRAPH_FILE names another)`, {
      cause: error,
    });
  });
  return withSubgraphUrls(supergraphSdl, urls);
}
