// The OpenAPI document at /openapi.json and the page at /docs. That every REST response matches
// the document is checked by the test client itself, on every request of every REST test.
import { describe, expect, it } from 'vitest';
import { restContract, routerOrigin } from '../../support/restClient.js';

const ORIGINAL_DESIGN = [
  ['post', '/user/register', false],
  ['post', '/user/login', false],
  ['get', '/user/{id}', true],
  ['post', '/income', true],
  ['get', '/income/{userId}', true],
  ['post', '/expense', true],
  ['get', '/expense/{userId}', true],
  ['post', '/savings', true],
  ['get', '/savings/{userId}', true],
] as const;

describe('/openapi.json', () => {
  it('documents exactly the routes of the original design, with bearer auth on all but register and login', async () => {
    const { document } = await restContract();
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(ORIGINAL_DESIGN.map(([method, path]) => `${method} ${path}`).sort());
    for (const [method, path, needsToken] of ORIGINAL_DESIGN) {
      const operation = document.paths[path]![method] as unknown as { security: unknown[]; responses: Record<string, unknown> };
      expect(operation.security, `${method} ${path}`).toEqual(needsToken ? [{ bearerAuth: [] }] : []);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '500']));
    }
    expect(document).toMatchObject({
      openapi: '3.1.0',
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    });
  });

  it('documents request bodies with their required fields and types', async () => {
    const { document } = await restContract();
    const schemas = document.components.schemas as Record<string, { required: string[]; properties: Record<string, { type?: string }> }>;
    expect(schemas['IncomeRequest']!.required).toEqual(['userId', 'amount', 'source', 'date']);
    expect(schemas['IncomeRequest']!.properties['userId']!.type).toBe('integer');
    expect(schemas['IncomeRequest']!.properties['amount']!.type).toBe('number');
    expect(schemas['SavingsGoalRequest']!.required).toEqual(['userId', 'goal', 'targetDate']);
    expect(schemas['RegisterRequest']!.required).toEqual(['username', 'email', 'password']);
  });

  it('is strict enough that the contract check refuses responses that stray from it', async () => {
    const contract = await restContract();
    const observed = { method: 'GET', path: '/income/7', status: 200, contentType: 'application/json' };
    const good = { incomes: [{ incomeId: 1, amount: 12.5, source: 'Salary', date: '2026-11-01' }] };
    expect(contract.problemsWith({ ...observed, body: good })).toEqual([]);
    const strays = [
      { incomes: [{ ...good.incomes[0], amount: '12.50' }] },
      { incomes: [{ ...good.incomes[0], incomeId: '1' }] },
      { incomes: [{ ...good.incomes[0], date: '01/11/2026' }] },
      { incomes: [{ ...good.incomes[0], userId: 7 }] },
      { income: good.incomes },
    ];
    for (const body of strays) expect(contract.problemsWith({ ...observed, body }), JSON.stringify(body)).not.toEqual([]);
    expect(contract.problemsWith({ ...observed, status: 409, body: { error: { code: 'EMAIL_TAKEN', message: 'x' } } })).not.toEqual([]);
    expect(
      contract.problemsWith({ ...observed, status: 403, body: { error: { code: 'NOT_FOUND', message: 'wrong code for 403' } } }),
    ).not.toEqual([]);
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
