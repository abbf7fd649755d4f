// The OpenAPI document at /openapi.json and the page at /docs. The document's content is tested
// at the unit tier; that every REST response matches it, by the test client on every request.
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../router/src/rest/openapiDocument.js';
import { restRoutes } from '../../../router/src/rest/restApi.js';
import { routerOrigin } from '../../support/restClient.js';

describe('/openapi.json', () => {
  it('serves the document the routes are built from (checked in router/test/openapiDocument.test.ts)', async () => {
    const response = await fetch(`${routerOrigin()}/openapi.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument(restRoutes))));
  });

  it('lists changing one’s profile, PUT /user/{id}, beside reading and deleting it', async () => {
    const document = (await (await fetch(`${routerOrigin()}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths['/user/{id}']!).sort()).toEqual(['delete', 'get', 'put']);
    expect(document.paths['/user/{id}']!['put']).toMatchObject({ operationId: 'updateUserProfile', security: [{ bearerAuth: [] }] });
  });
});

describe('/docs', () => {
  it('serves Swagger UI from the router itself, loading nothing from another origin', async () => {
    const page = await fetch(`${routerOrigin()}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css']));
    for (const asset of assets) {
      const response = await fetch(`${routerOrigin()}${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
    const initializer = await (await fetch(`${routerOrigin()}/docs/ledgerline-docs.js`)).text();
    expect(initializer).toContain("url: '/openapi.json'");
  });
});
