// Debian's Chromium driven by playwright-core, for the web app's tests in a real browser. Each
// launch gets a new empty profile (Playwright makes one); the flags keep Chromium from reaching out
// to Google's services, which this machine's closed network refuses.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { repositoryRoot } from '../../packages/launcher/src/serviceProcess.js';

const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where screenshots are kept after a run (gitignored test-results/, a CI artifact). */
export const SCREENSHOT_DIR = join(repositoryRoot, 'test-results', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/** The web app's address on the router whose GraphQL URL is `routerUrl`. */
export function webAppUrl(routerUrl: string): string {
  return new URL('/app/', routerUrl).toString();
}

export interface AppCredentials {
  username: string;
  email: string;
  password: string;
}

/** Registers through the app's own registration page at `appUrl`, and waits until the app shows the user signed in. */
export async function registerThroughApp(page: Page, appUrl: string, credentials: AppCredentials): Promise<void> {
  await page.goto(`${appUrl}#/register`);
  await page.getByLabel('Username', { exact: true }).fill(credentials.username);
  await page.getByLabel('Email', { exact: true }).fill(credentials.email);
  await page.getByLabel('Password', { exact: true }).fill(credentials.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText(`Signed in as ${credentials.username}`).waitFor();
}

/** The web app's stored session (localStorage `ledgerline.session`) as the page's origin holds it now, or null. */
export async function storedSession(page: Page): Promise<{ token: string; expiresAt: string } | null> {
  const { origins } = await page.context().storageState();
  const stored = origins.flatMap((origin) => origin.localStorage).find((entry) => entry.name === 'ledgerline.session');
  return stored === undefined ? null : (JSON.parse(stored.value) as { token: string; expiresAt: string });
}

/** What a screen reader hears with an input besides its label: the texts its aria-describedby names (hint, error). */
export async function textDescribing(input: Locator): Promise<string> {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => input.page().locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
}

export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// `require.resolve` by that name, so knip sees that the tests use axe-core.
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AccessibilityViolation {
  id: string;
  help: string;
  targets: string[];
}

/** What the page's axe-core answers; declared here, as the Node-side type check knows no DOM. */
interface AxeInPage {
  axe: { run(context: unknown, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> };
  document: unknown;
}

/**
 * What axe-core finds against WCAG 2.x A and AA on the page as it is now (labels, names, contrast,
 * landmarks ...). Evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function accessibilityViolations(page: Page): Promise<AccessibilityViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as AxeInPage;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return results.violations.map((violation) => ({
      id: violation.id,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}
