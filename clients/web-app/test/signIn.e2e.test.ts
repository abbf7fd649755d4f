// Signing up and in with the web app in a real browser, against the real stack: the API's
// validation messages beside their fields, and a session whose token the router refuses sending
// the user back to sign-in with a message.
import { issueUserToken, verifyUserToken } from '@ledgerline/identity';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, launchChromium, storedSession, textDescribing, webAppUrl } from '../../../test/support/browser.js';
import { registerUser, uniqueCredentials } from '../../../test/support/router.js';

const appUrl = webAppUrl(inject('routerUrl'));
const SESSION_KEY = 'ledgerline.session';

// Evaluated as text in the page: this file is type-checked for Node, which has no localStorage.
const storeSession = (page: Page, session: string): Promise<void> =>
  page.evaluate(`localStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(session)})`);

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(path = ''): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${appUrl}${path}`);
  return page;
}

/** The message shown beside a field, once the field is marked invalid. */
async function messageBeside(page: Page, label: string): Promise<string> {
  const input = page.getByLabel(label, { exact: true });
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  return textDescribing(input);
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('web app: signing up and in', () => {
  it('shows the API’s validation message beside the field it concerns, then registers once it is fixed', async () => {
    const page = await newPage('#/register');
    const credentials = uniqueCredentials();
    await page.getByLabel('Username', { exact: true }).fill(credentials.username);
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill(credentials.password);
    await page.getByRole('button', { name: 'Create account' }).click();

    expect(await messageBeside(page, 'Email')).toContain('Email is not a valid email address');
    expect(await page.getByLabel('Username', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Email', { exact: true }).fill(credentials.email);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(`Signed in as ${credentials.username}`).waitFor();
    await page.context().close();
  });

  it('says beside Email that an address is taken, and on the form that a password is wrong', async () => {
    const existing = await registerUser();
    const page = await newPage('#/register');
    await page.getByLabel('Username', { exact: true }).fill(uniqueCredentials().username);
    await page.getByLabel('Email', { exact: true }).fill(existing.email);
    await page.getByLabel('Password', { exact: true }).fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    expect(await messageBeside(page, 'Email')).toMatch(/taken|already/i);

    await page.getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, existing.email, 'not-the-password');
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/password|credentials/i);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('sends a user whose token the router refuses back to sign-in with a message, then back to where they were', async () => {
    const user = await registerUser();
    const page = await newPage('#/groups');
    await signIn(page, user.email, user.password);
    await page.getByText(`Signed in as ${user.username}`).waitFor();

    // The stored token is replaced by one for the same sign-in that expires in a second, while
    // the stored expiry still says it lasts: only the router's refusal can end this session.
    const stored = await storedSession(page);
    const claims = verifyUserToken(stored!.token, inject('jwtSecret'));
    const shortLived = issueUserToken(claims, inject('jwtSecret'), 1);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await storeSession(page, JSON.stringify({ ...stored, token: shortLived }));
    await page.reload();

    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toBe('Your session has expired. Please sign in again.');
    expect(await storedSession(page)).toBeNull();

    await signIn(page, user.email, user.password);
    await page.getByText(`Signed in as ${user.username}`).waitFor();
    expect(new URL(page.url()).hash).toBe('#/groups');
    await page.context().close();
  });

  it('ends the session on the page when its token’s expiry passes, before the user tries anything', async () => {
    const user = await registerUser();
    const page = await (await browser.newContext()).newPage();
    // The page's clock, so an hour can pass in a moment; the router keeps real time.
    await page.clock.install();
    await page.goto(appUrl);
    await signIn(page, user.email, user.password);
    await page.getByText(`Signed in as ${user.username}`).waitFor();

    await page.clock.fastForward('59:00');
    expect(await page.getByText(`Signed in as ${user.username}`).isVisible()).toBe(true);
    await page.clock.fastForward('01:01');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toBe('Your session has expired. Please sign in again.');
    await page.context().close();
  });
});
