// The web app hosted apart from the API, as on any static host: built with the router's origin as
// VITE_LEDGERLINE_API_URL, served from another origin with the router's CSP mirrored (its
// connect-src naming the router), and calling the router cross-origin, which the stack allows as a
// development CORS origin (a deployment lists the app's origin in CORS_ORIGINS).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, registerThroughApp, webAppUrl } from '../../../test/support/browser.js';
import { uniqueCredentials } from '../../../test/support/router.js';
import { serveStaticFiles, type StaticFileServer } from '../../../test/support/staticFileServer.js';
import { buildWebApp, type WebAppBuild } from '../../../test/support/webAppBuild.js';

const routerUrl = inject('routerUrl');
const routerOrigin = new URL(routerUrl).origin;

let build: WebAppBuild | undefined;
let host: StaticFileServer | undefined;
let browser: Browser | undefined;

/** The policy the router gives /app/, with the router's origin (HTTP and WebSocket) added where the page may connect. */
async function policyMirroredForAnotherHost(): Promise<string> {
  const policy = (await fetch(webAppUrl(routerUrl))).headers.get('content-security-policy');
  if (policy === null) throw new Error('the router serves /app/ without a Content-Security-Policy');
  const router = `${routerOrigin} ${routerOrigin.replace(/^http/, 'ws')}`;
  return policy.replace("connect-src 'self'", `connect-src 'self' ${router}`);
}

beforeAll(async () => {
  build = await buildWebApp({ apiUrl: routerOrigin });
  host = await serveStaticFiles(build.directory, { 'Content-Security-Policy': await policyMirroredForAnotherHost() });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  build?.remove();
});

describe('the web app on a static host of its own', () => {
  it('registers a new account and shows the dashboard, calling the router on its origin, not the page’s', async () => {
    const page = await browser!.newPage();
    const graphqlOrigins = new Set<string>();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/graphql') graphqlOrigins.add(url.origin);
    });
    const refusedByPolicy: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) refusedByPolicy.push(message.text());
    });
    await registerThroughApp(page, `${host!.origin}/`, uniqueCredentials());
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(new URL(page.url()).origin).toBe(host!.origin);
    expect([...graphqlOrigins]).toEqual([routerOrigin]);
    expect(refusedByPolicy).toEqual([]);
    await page.close();
  });
});
