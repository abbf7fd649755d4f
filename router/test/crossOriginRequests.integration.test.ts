// CORS as a browser meets it: preflights on /graphql and the REST routes, answers readable by listed
// origins only, and CSRF prevention still in force for the origins that are listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restRoutes } from '../src/rest/restApi.js';
import { handshakeStatus } from '../../test/support/webSocketHandshake.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

const APP_ORIGIN = 'https://app.example.com';
const LISTED = 'https://app.example.com,http://localhost:*';

let subgraphs: InProcessSubgraphs;
let router: InProcessRouter;
let developmentRouter: InProcessRouter;

beforeAll(async () => {
  subgraphs = await startSubgraphsInProcess();
  router = await startRouterInFrontOf(subgraphs, { environment: { CORS_ORIGINS: LISTED } });
  developmentRouter = await startRouterInFrontOf(subgraphs);
});

afterAll(async () => {
  await Promise.all([router.stop(), developmentRouter.stop()]);
  await subgraphs.stop();
});

const preflight = (origin: string, path: string, method: string, target = router) =>
  fetch(`${target.origin}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type' },
  });

/** Every REST route's path with its parameters filled in, and its method. */
const restRequests = restRoutes.map((route) => ({ path: route.path.replace(/\{\w+\}/g, '1'), method: route.method.toUpperCase() }));

describe('cross-origin requests', () => {
  it('answers the preflight of a listed origin on /graphql and on every REST route', async () => {
    for (const { path, method } of [{ path: '/graphql', method: 'POST' }, ...restRequests]) {
      const answer = await preflight(APP_ORIGIN, path, method);
      expect({ path, method, status: answer.status }).toEqual({ path, method, status: 204 });
      expect(answer.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      expect(answer.headers.get('access-control-allow-methods')).toContain(method);
      expect(answer.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('refuses the preflight of an unlisted origin and gives it no CORS headers on any answer', async () => {
    const refused = await preflight('https://evil.example', '/graphql', 'POST');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(await refused.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'Origin https://evil.example may not call this API' } });

    const simple = await fetch(`${router.origin}/openapi.json`, { headers: { origin: 'https://evil.example' } });
    expect(simple.status).toBe(200);
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    expect(simple.headers.get('vary')).toContain('Origin');
  });

  it('lets a listed origin read the answer of a GraphQL request and its request id', async () => {
    const answer = await fetch(`${router.origin}/graphql`, {
      method: 'POST',
      headers: { origin: APP_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(answer.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('allows any port of a ":*" origin, and only that host and scheme', async () => {
    expect((await preflight('http://localhost:5173', '/graphql', 'POST')).status).toBe(204);
    expect((await preflight('http://localhost', '/graphql', 'POST')).status).toBe(204);
    expect((await preflight('https://localhost:5173', '/graphql', 'POST')).status).toBe(403);
    expect((await preflight('http://localhost.evil.example:5173', '/graphql', 'POST')).status).toBe(403);
  });

  it('allows local development origins by default outside production', async () => {
    const local = await preflight('http://127.0.0.1:3000', '/income', 'POST', developmentRouter);
    expect(local.status).toBe(204);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect((await preflight(APP_ORIGIN, '/income', 'POST', developmentRouter)).status).toBe(403);
  });

  it('opens a WebSocket for a listed origin and refuses the handshake of an unlisted one', async () => {
    const handshake = (origin: string) => handshakeStatus(router.origin, origin);
    expect(await handshake(APP_ORIGIN)).toBe(101);
    expect(await handshake('https://evil.example')).toBe(403);
  });

  it('keeps CSRF prevention: a GET query without a preflight-forcing header is refused, even from a listed origin', async () => {
    const answer = await fetch(`${router.origin}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { origin: APP_ORIGIN },
    });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('CSRF');
  });
});
