// Group challenges in a real browser against the real stack: two members on one group page, where
// one member's contribution moves the other's progress bar and leaderboard within a second, and a
// page whose WebSocket is cut says it is reconnecting, then catches up without a reload.
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { accessibilityViolations, keepScreenshot, launchChromium, registerThroughApp, webAppUrl } from '../../../test/support/browser.js';
import { startFaultyProxy, type FaultyProxy } from '../../../test/support/faultyProxy.js';
import { uniqueCredentials } from '../../../test/support/router.js';

const LIVE_WITHIN_MS = 1_000;
const DEADLINE = `${new Date().getUTCFullYear() + 1}-12-31`;
const VIEWPORT = { width: 1280, height: 900 };

let browser: Browser;
const contexts: BrowserContext[] = [];
let proxy: FaultyProxy | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await proxy?.close();
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  contexts.push(context);
  return context.newPage();
}

/** Registers through the app at `appUrl` and waits for the dashboard; gives the username. */
async function register(page: Page, appUrl: string, name = 'member'): Promise<string> {
  // A readable name for the screenshot, and a suffix so a second run on the same stack can register again.
  const username = `${name}-${randomBytes(2).toString('hex')}`;
  await registerThroughApp(page, appUrl, { ...uniqueCredentials(), username });
  await page.waitForURL(/#\/month\/\d{4}-\d{2}$/);
  return username;
}

/** Creates a challenge through the form, which opens it; gives its id and invite code. */
async function createChallenge(page: Page, appUrl: string, name: string, target: string): Promise<{ id: string; inviteCode: string }> {
  await page.goto(`${appUrl}#/groups`);
  await page.getByLabel('Challenge name').fill(name);
  await page.getByLabel('Target amount').fill(target);
  await page.getByLabel('Deadline').fill(DEADLINE);
  await page.getByRole('button', { name: 'Create challenge' }).click();
  await page.waitForURL(/#\/groups\/\d+$/);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  const id = new URL(page.url()).hash.replace('#/groups/', '');
  return { id, inviteCode: await page.getByLabel('Invite code').inputValue() };
}

/** Contributes through the form; gives when the API acknowledged it (a Date.now() value). */
async function contribute(page: Page, amount: string, message: string): Promise<number> {
  const answer = page.waitForResponse((response) => response.request().postData()?.includes('ContributeToGroup') ?? false);
  await page.getByLabel('Amount').fill(amount);
  await page.getByLabel('Message').fill(message);
  await page.getByRole('button', { name: 'Contribute' }).click();
  const body = (await (await answer).json()) as { errors?: unknown };
  const acknowledged = Date.now();
  expect(body.errors).toBeUndefined();
  // The form empties itself once the contribution is in.
  await expect.poll(() => page.getByLabel('Amount').inputValue()).toBe('');
  return acknowledged;
}

function liveStatus(page: Page): Promise<string> {
  return page.getByRole('status', { name: 'Live updates' }).innerText();
}

async function progressOf(page: Page): Promise<{ now: string | null; text: string | null }> {
  const bar = page.getByRole('progressbar', { name: 'Saved toward the target' });
  return { now: await bar.getAttribute('aria-valuenow'), text: await bar.getAttribute('aria-valuetext') };
}

/** The table's body rows, each as its cells' text (none while the table is not there). */
async function rowsOf(page: Page, table: string): Promise<string[][]> {
  const rows = await page.getByRole('table', { name: table }).locator('tbody tr').all();
  return Promise.all(rows.map(async (row) => (await row.locator('th, td').allInnerTexts()).map((text) => text.trim())));
}

/** What the page's live log (read out by screen readers) says arrived, one line per event. */
function liveActivityOf(page: Page): Promise<string[]> {
  return page.getByRole('log', { name: 'Live activity' }).locator('p').allTextContents();
}

/** Waits for `read` to give `expected`, by `deadline` (a Date.now() value) at the latest. */
async function seenBy<T>(deadline: number, read: () => Promise<T>, expected: T): Promise<void> {
  await expect.poll(read, { timeout: Math.max(deadline - Date.now(), 1), interval: 25 }).toEqual(expected);
}

describe('group challenge in the browser', () => {
  test('a contribution moves the other member’s progress bar and leaderboard within a second', { timeout: 60_000 }, async () => {
    const appUrl = webAppUrl(inject('routerUrl'));
    const [pageA, pageB] = [await newPage(), await newPage()];
    const maya = await register(pageA, appUrl, 'maya');
    const { id, inviteCode } = await createChallenge(pageA, appUrl, 'Summer in Lisbon', '5000');

    const leo = await register(pageB, appUrl, 'leo');
    await pageB.goto(`${appUrl}#/groups`);
    await pageB.getByLabel('Invite code').fill(inviteCode);
    await pageB.getByRole('button', { name: 'Join challenge' }).click();
    await pageB.waitForURL(new RegExp(`#/groups/${id}$`));
    for (const page of [pageA, pageB]) await expect.poll(() => liveStatus(page)).toBe('Live');
    expect(await progressOf(pageB)).toEqual({ now: '0', text: '0.00 of 5,000.00 saved' });

    let deadline = (await contribute(pageA, '1250', 'Flights booked')) + LIVE_WITHIN_MS;
    await seenBy(deadline, () => progressOf(pageB), { now: '25', text: '1,250.00 of 5,000.00 saved' });
    await seenBy(deadline, () => rowsOf(pageB, 'Leaderboard'), [['1', maya, '1,250.00', '1']]);

    await contribute(pageB, '300', 'Hotel deposit');
    deadline = (await contribute(pageA, '450.50', 'Museum tickets')) + LIVE_WITHIN_MS;
    await seenBy(deadline, () => progressOf(pageB), { now: '40.01', text: '2,000.50 of 5,000.00 saved' });
    await seenBy(deadline, () => rowsOf(pageB, 'Leaderboard'), [
      ['1', maya, '1,700.50', '2'],
      ['2', `${leo} (you)`, '300.00', '1'],
    ]);
    await seenBy(Date.now() + LIVE_WITHIN_MS, async () => (await rowsOf(pageB, 'Recent contributions')).map((row) => row.slice(0, 3)), [
      [maya, '450.50', 'Museum tickets'],
      [`${leo} (you)`, '300.00', 'Hotel deposit'],
      [maya, '1,250.00', 'Flights booked'],
    ]);

    // The bar eases to its new width (400 ms); the README's picture shows where it lands.
    await pageB.waitForTimeout(500);
    await keepScreenshot(pageB, 'group-challenge');
    expect(await accessibilityViolations(pageB)).toEqual([]);
  });

  test('copying the invite link puts a link that joins the group on the clipboard', async () => {
    const appUrl = webAppUrl(inject('routerUrl'));
    const page = await newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl).origin });
    await register(page, appUrl);
    const { inviteCode } = await createChallenge(page, appUrl, 'New bikes', '800');

    await page.getByRole('button', { name: 'Copy invite link' }).click();

    await page.getByText('Copied', { exact: true }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(`${appUrl}#/join/${inviteCode}`);
  });

  test(
    'a page whose WebSocket is cut says it is reconnecting, then shows what it missed without a reload',
    { timeout: 60_000 },
    async () => {
      const routerUrl = inject('routerUrl');
      const appUrl = webAppUrl(routerUrl);
      proxy = await startFaultyProxy(new URL('/', routerUrl).toString());
      const proxiedAppUrl = `${proxy.url}app/`;
      const [pageA, pageB] = [await newPage(), await newPage()];
      const ana = await register(pageA, appUrl, 'ana');
      const { id, inviteCode } = await createChallenge(pageA, appUrl, 'Emergency fund', '1000');

      // Everything of B's, HTTP and WebSocket, goes through the proxy: the shared invite link too.
      await register(pageB, proxiedAppUrl, 'ben');
      await pageB.goto(`${proxiedAppUrl}#/join/${inviteCode}`);
      await pageB.getByText(inviteCode, { exact: true }).waitFor();
      await pageB.getByRole('button', { name: 'Join', exact: true }).click();
      await pageB.waitForURL(new RegExp(`#/groups/${id}$`));
      await expect.poll(() => liveStatus(pageB)).toBe('Live');
      await seenBy((await contribute(pageA, '50', 'Starting small')) + LIVE_WITHIN_MS, () => progressOf(pageB), {
        now: '5',
        text: '50.00 of 1,000.00 saved',
      });
      // A reload would lose this.
      await pageB.evaluate('window.sameDocument = true');

      await proxy.set('refuse');
      await expect.poll(() => liveStatus(pageB)).toBe('Reconnecting…');
      await contribute(pageA, '100', 'First while you were away');
      await contribute(pageA, '200', 'Second while you were away');
      expect(await progressOf(pageB)).toEqual({ now: '5', text: '50.00 of 1,000.00 saved' });

      await proxy.set('pass');
      await expect.poll(() => liveStatus(pageB), { timeout: 20_000 }).toBe('Live');
      await expect.poll(() => progressOf(pageB)).toEqual({ now: '35', text: '350.00 of 1,000.00 saved' });
      await expect.poll(() => rowsOf(pageB, 'Leaderboard')).toEqual([['1', ana, '350.00', '3']]);
      expect((await rowsOf(pageB, 'Recent contributions')).map((row) => row[2])).toEqual([
        'Second while you were away',
        'First while you were away',
        'Starting small',
      ]);
      // Each event once, in order: the missed two were replayed from where the page had got to.
      expect(await liveActivityOf(pageB)).toEqual([
        `${ana} contributed 50.00 (Starting small). The group has saved 50.00 of 1,000.00.`,
        `${ana} contributed 100.00 (First while you were away). The group has saved 150.00 of 1,000.00.`,
        `${ana} contributed 200.00 (Second while you were away). The group has saved 350.00 of 1,000.00.`,
      ]);
      expect(await pageB.evaluate('window.sameDocument')).toBe(true);
      expect(await accessibilityViolations(pageB)).toEqual([]);
    },
  );
});
