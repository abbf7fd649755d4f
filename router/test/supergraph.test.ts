import { describe, expect, it } from 'vitest';
import { composeSupergraph, subgraphLocations, withSubgraphUrls } from '../src/supergraph.js';

const BUILD_URLS = { user: 'http://127.0.0.1:4001/graphql', finance: 'http://127.0.0.1:4002/graphql' };
const DEPLOYED_URLS = { user: 'http://user.internal/graphql', finance: 'http://finance.internal/graphql' };
const built = composeSupergraph(subgraphLocations(BUILD_URLS));

const graphUrls = (supergraphSdl: string) =>
  [...supergraphSdl.matchAll(/@join__graph\(name: "(\w+)", url: "([^"]+)"\)/g)].map((match) => match.slice(1));

describe('the supergraph artifact', () => {
  it('routes to the subgraph URLs the router is configured with, whatever URLs it was composed with', () => {
    expect(graphUrls(withSubgraphUrls(built, DEPLOYED_URLS))).toEqual([
      ['finance', DEPLOYED_URLS.finance],
      ['user', DEPLOYED_URLS.user],
    ]);
  });

  it('is the same schema, to the character, as one composed at start with those URLs', () => {
    expect(withSubgraphUrls(built, DEPLOYED_URLS)).toBe(
      withSubgraphUrls(composeSupergraph(subgraphLocations(DEPLOYED_URLS)), DEPLOYED_URLS),
    );
  });

  it('is refused when it names a subgraph the router has no URL for', () => {
    const withStranger = built.replace('@join__graph(name: "user"', '@join__graph(name: "ledger"');

    expect(() => withSubgraphUrls(withStranger, DEPLOYED_URLS)).toThrow('subgraph "ledger"');
  });
});
