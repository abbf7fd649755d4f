// The GraphQL IDE at GET /graphql as a browser asks for it: a page whose every script and style
// the router serves itself (nothing from a CDN), in development only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
/** What a page loads: every src and href but inline data: URLs (the empty favicon). */
const loadedBy = (page: string) =>
  [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!).filter((url) => !url.startsWith('data:'));
const ASSETS = ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'graphiql.min.css', 'ledgerline-ide.js'];

let subgraphs: InProcessSubgraphs;

beforeAll(async () => {
  subgraphs = await startSubgraphsInProcess();
});

afterAll(async () => {
  await subgraphs?.stop();
});

describe('the GraphQL IDE in development', () => {
  let router: InProcessRouter;

  beforeAll(async () => {
    router = await startRouterInFrontOf(subgraphs, { production: false });
  });

  afterAll(async () => {
    await router?.stop();
  });

  it('serves a page that loads nothing from another host', async () => {
    const response = await fetch(`${router.origin}/graphql`, { headers: BROWSER });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('GraphQL IDE');
    expect(page).not.toMatch(/https?:\/\//);
    const loaded = loadedBy(page);
    expect(loaded.length).toBeGreaterThanOrEqual(5);
    for (const path of loaded) expect(path).toMatch(/^\/graphql-ide\//);
  });

  it('serves every script and style the page loads', async () => {
    const page = await (await fetch(`${router.origin}/graphql`, { headers: BROWSER })).text();
    const loaded = loadedBy(page);
    expect(loaded.map((path) => path.split('/').at(-1))).toEqual(expect.arrayContaining(ASSETS));
    for (const path of loaded) {
      const asset = await fetch(`${router.origin}${path}`);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('content-type'), path).toMatch(path.endsWith('.css') ? /^text\/css/ : /javascript/);
      expect((await asset.text()).length, path).toBeGreaterThan(0);
    }
  });

  it('keeps CSRF prevention: a GET query without a preflight-forcing header is refused', async () => {
    const response = await fetch(`${router.origin}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    const allowed = await fetch(`${router.origin}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await allowed.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the GraphQL IDE in production', () => {
  let router: InProcessRouter;

  beforeAll(async () => {
    router = await startRouterInFrontOf(subgraphs, { production: true });
  });

  afterAll(async () => {
    await router?.stop();
  });

  it('serves neither the page nor its assets', async () => {
    const page = await fetch(`${router.origin}/graphql`, { headers: BROWSER });
    expect(page.headers.get('content-type')).not.toMatch(/^text\/html/);
    expect(await page.text()).not.toContain('GraphQL IDE');
    for (const asset of ASSETS) expect((await fetch(`${router.origin}/graphql-ide/${asset}`)).status, asset).toBe(404);
  });
});
