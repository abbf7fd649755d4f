// The web app at /app/ as a browser meets it: the page with its security headers and never cached
// stale, its hashed assets kept for a year, the router's root leading there, and the page's own
// origin opening the live-updates WebSocket in production with no CORS listing. A folder standing in
// for a Vite build keeps this tier quick; the browser tests use a real build.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog } from '../../test/support/capturedLog.js';
import { handshakeStatus } from '../../test/support/webSocketHandshake.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

const PAGE = '<!doctype html><html lang="en"><title>Ledgerline</title><script type="module" src="./assets/x-abc123.js"></script></html>';
const ASSET = 'document.title = "Ledgerline";';

let build: string;
let noBuild: string;
let subgraphs: InProcessSubgraphs;
let router: InProcessRouter;
let routerWithoutBuild: InProcessRouter;
const routerWithoutBuildLog = capturedLog();

beforeAll(async () => {
  build = mkdtempSync(join(tmpdir(), 'ledgerline-web-app-'));
  mkdirSync(join(build, 'assets'));
  writeFileSync(join(build, 'index.html'), PAGE);
  writeFileSync(join(build, 'assets', 'x-abc123.js'), ASSET);
  noBuild = mkdtempSync(join(tmpdir(), 'ledgerline-no-web-app-'));
  subgraphs = await startSubgraphsInProcess();
  // As deployed: production, and no CORS_ORIGINS, so no other origin may call it from a browser.
  router = await startRouterInFrontOf(subgraphs, { production: true, environment: { NODE_ENV: 'production', WEB_APP_DIR: build } });
  routerWithoutBuild = await startRouterInFrontOf(subgraphs, { log: routerWithoutBuildLog.log, environment: { WEB_APP_DIR: noBuild } });
});

afterAll(async () => {
  await Promise.all([router?.stop(), routerWithoutBuild?.stop()]);
  await subgraphs?.stop();
  for (const folder of [build, noBuild]) if (folder) rmSync(folder, { recursive: true, force: true });
});

const get = (target: InProcessRouter, path: string, accept = '*/*') =>
  fetch(`${target.origin}${path}`, { redirect: 'manual', headers: { accept } });
/** What a browser asks for when it opens a page. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const handshake = (target: InProcessRouter, origin: string) => handshakeStatus(target.origin, origin);

describe('the web app at /app/', () => {
  it('answers the page with a CSP that keeps it to its own origin, nosniff, and no-cache so a new build shows at once', async () => {
    const answer = await get(router, '/app/');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await answer.text()).toBe(PAGE);
    const policy = answer.headers.get('content-security-policy')?.split('; ');
    expect(policy).toEqual(
      expect.arrayContaining(["default-src 'self'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]),
    );
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('cache-control')).toBe('no-cache');
  });

  it('keeps a hashed asset for a year, unchanged', async () => {
    const answer = await get(router, '/app/assets/x-abc123.js');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/javascript/);
    expect(await answer.text()).toBe(ASSET);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("leads /app, and a browser opening the router's root, to /app/, where the page's relative asset paths resolve", async () => {
    const withoutSlash = await get(router, '/app');
    expect(withoutSlash.status).toBe(301);
    expect(withoutSlash.headers.get('location')).toBe('/app/');
    const root = await get(router, '/', BROWSER_ACCEPT);
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/app/');
  });

  it('leaves the root to the REST API for a client that does not ask for a page', async () => {
    const root = await get(router, '/', 'application/json');
    expect(root.status).toBe(404);
    expect(await root.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /' } });
  });

  it("lets the page open the GraphQL WebSocket from the router's own origin with no CORS listing, and refuses a foreign origin", async () => {
    expect(await handshake(router, router.origin)).toBe(101);
    expect(await handshake(router, 'https://evil.example')).toBe(403);
    expect(await handshake(router, router.origin.replace('127.0.0.1', 'localhost'))).toBe(403);
  });

  it('is not served where WEB_APP_DIR holds no build, and the log says why and how to build one', async () => {
    expect((await get(routerWithoutBuild, '/app/')).status).toBe(404);
    expect((await get(routerWithoutBuild, '/', BROWSER_ACCEPT)).status).toBe(404);
    const warning = routerWithoutBuildLog.lines.find((line) => line.msg.startsWith('no web app build'));
    expect(warning).toMatchObject({
      level: 40,
      directory: noBuild,
      msg: `no web app build at ${noBuild}, so /app/ is not served (npm run build --workspace @ledgerline/web-app)`,
    });
  });
});
