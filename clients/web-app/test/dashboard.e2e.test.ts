// The month dashboard in Chromium against the real stack: a new user signs up through the app,
// adds, edits and deletes records through its forms, and sees the summary and charts follow.
import { createLedgerlineClient, AddExpenseDocument, AddIncomeDocument, CreateSavingsGoalDocument } from '@ledgerline/web-sdk';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  accessibilityViolations,
  keepScreenshot,
  launchChromium,
  registerThroughApp,
  storedSession,
  textDescribing,
  webAppUrl,
} from '../../../test/support/browser.js';
import { uniqueCredentials } from '../../../test/support/router.js';

const routerUrl = inject('routerUrl');
const WAIT = { timeout: 5_000 };

const now = new Date();
const monthOf = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
const monthLabelOf = (date: Date) => new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric' }).format(date);
const thisMonth = monthOf(now);
const thisMonthLabel = monthLabelOf(now);
const lastMonth = new Date(now.getFullYear(), now.getMonth() - 1, 1);
const dayOfThisMonth = (day: number) => `${thisMonth}-${String(day).padStart(2, '0')}`;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A new account, registered through the app's own page; the app then shows this month's dashboard. */
async function signUp(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await registerThroughApp(page, webAppUrl(routerUrl), uniqueCredentials());
  await page.getByRole('heading', { level: 1, name: thisMonthLabel }).waitFor();
  return page;
}

/** The token the app keeps for its session, to add records through the SDK as that user. */
async function sessionToken(page: Page): Promise<string> {
  const session = await storedSession(page);
  if (session === null) throw new Error('the app keeps no session');
  return session.token;
}

const incomeForm = (page: Page) => page.getByRole('form', { name: 'Add an income' });
const expenseForm = (page: Page) => page.getByRole('form', { name: 'Add an expense' });

async function addIncome(page: Page, amount: string, source: string): Promise<void> {
  const form = incomeForm(page);
  await form.getByLabel('Amount').fill(amount);
  await form.getByLabel('Source').fill(source);
  await form.getByRole('button', { name: 'Add income' }).click();
  await form.getByText('Income added.').waitFor();
}

async function addExpense(page: Page, amount: string, category: string): Promise<void> {
  const form = expenseForm(page);
  await form.getByLabel('Amount').fill(amount);
  await form.getByLabel('Category').fill(category);
  await form.getByRole('button', { name: 'Add expense' }).click();
  await form.getByText('Expense added.').waitFor();
}

/** What the summary shows beside one of its labels ("Total income"). */
function summaryFigure(page: Page, label: string): Promise<string | null> {
  return page
    .locator('.summary-figures > div')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('dd')
    .textContent();
}

async function expectSummary(page: Page, expected: { income: string; expenses: string; net: string }): Promise<void> {
  await expect.poll(() => summaryFigure(page, 'Total income'), WAIT).toBe(expected.income);
  await expect.poll(() => summaryFigure(page, 'Total expenses'), WAIT).toBe(expected.expenses);
  await expect.poll(() => summaryFigure(page, 'Net'), WAIT).toBe(expected.net);
}

const chartNamed = (page: Page, name: RegExp) => page.getByRole('img', { name });

/** Each bar's width in a chart, top to bottom. */
function barWidths(chart: Locator): Promise<number[]> {
  return chart.locator('rect').evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('width'))));
}

describe('the month dashboard', () => {
  it('greets a new user with an empty month, and moves between months by link and by picker', async () => {
    const page = await signUp();
    await page.getByText(`Nothing recorded for ${thisMonthLabel} yet.`).waitFor();
    expect(await chartNamed(page, /./).count()).toBe(0);

    await page.getByRole('link', { name: `Previous month: ${monthLabelOf(lastMonth)}` }).click();
    await page.getByRole('heading', { level: 1, name: monthLabelOf(lastMonth) }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/month/${monthOf(lastMonth)}`);

    await page.getByLabel('Month', { exact: true }).fill('2025-02');
    await page.getByLabel('Month', { exact: true }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'February 2025' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/month/2025-02');
    // A new record there starts on a day of that month, not today.
    expect(await incomeForm(page).getByLabel('Date').inputValue()).toBe('2025-02-01');
    await page.context().close();
  });

  it('adds an income and expenses through the forms, and the summary and both charts follow', async () => {
    const page = await signUp();
    expect(await incomeForm(page).getByLabel('Date').inputValue()).toBe(dayOfThisMonth(now.getDate()));
    await addIncome(page, '3000', 'Salary');
    await expectSummary(page, { income: '3,000.00', expenses: '0.00', net: '3,000.00' });

    await addExpense(page, '1200', 'Rent');
    await addExpense(page, '300.50', 'Groceries');
    await expectSummary(page, { income: '3,000.00', expenses: '1,500.50', net: '1,499.50' });
    expect(await summaryFigure(page, 'Savings rate')).toBe('50%');

    const byCategory = chartNamed(page, /^Expenses by category/);
    expect(await byCategory.getAttribute('aria-label')).toBe(`Expenses by category in ${thisMonthLabel}: Rent 1,200.00, Groceries 300.50`);
    const [rent = 0, groceries = 0] = await barWidths(byCategory);
    expect(groceries / rent).toBeCloseTo(300.5 / 1200, 2);

    const incomeAgainstExpenses = chartNamed(page, /^Income .* against expenses/);
    expect(await incomeAgainstExpenses.getAttribute('aria-label')).toBe(`Income 3,000.00 against expenses 1,500.50 in ${thisMonthLabel}`);
    const [income = 0, expenses = 0] = await barWidths(incomeAgainstExpenses);
    expect(expenses / income).toBeCloseTo(1500.5 / 3000, 2);
    // The numbers are text too, beside the bars.
    await page.getByRole('figure', { name: 'Income against expenses' }).getByText('1,500.50').first().waitFor();
    await page.context().close();
  });

  it("shows the API's validation message beside the Amount field and adds nothing", async () => {
    const page = await signUp();
    const form = incomeForm(page);
    await form.getByLabel('Amount').fill('-5');
    await form.getByLabel('Source').fill('Refund');
    await form.getByRole('button', { name: 'Add income' }).click();

    const amount = form.getByLabel('Amount');
    await form.getByText('Amount must be greater than 0').waitFor();
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    expect(await textDescribing(amount)).toBe('Amount must be greater than 0');
    expect(await form.getByLabel('Source').getAttribute('aria-invalid')).toBeNull();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByText(`No incomes in ${thisMonthLabel} yet.`).waitFor();
    await page.context().close();
  });

  it('edits a record in place and deletes one after an in-page confirmation', async () => {
    const page = await signUp();
    await addIncome(page, '2000', 'Salary');
    await addExpense(page, '800', 'Rent');
    await expectSummary(page, { income: '2,000.00', expenses: '800.00', net: '1,200.00' });

    await page.getByRole('button', { name: /^Edit Rent, 800\.00/ }).click();
    const editForm = page.getByRole('form', { name: /^Edit Rent, 800\.00/ });
    expect(await accessibilityViolations(page)).toEqual([]);
    await editForm.getByLabel('Amount').fill('950.25');
    await editForm.getByRole('button', { name: 'Save expense' }).click();
    await expectSummary(page, { income: '2,000.00', expenses: '950.25', net: '1,049.75' });
    await page.getByRole('region', { name: 'Expenses', exact: true }).getByRole('cell', { name: '950.25', exact: true }).waitFor();

    // Escape keeps the record, and focus goes back to its Delete button.
    const deleteSalary = page.getByRole('button', { name: /^Delete Salary, 2,000\.00/ });
    await deleteSalary.click();
    const question = page.getByRole('group', { name: /^Delete Salary, 2,000\.00 on .*\?$/ });
    await question.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    expect(await deleteSalary.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);

    // Enter confirms: the confirmation took focus on its "Yes, delete".
    await deleteSalary.click();
    await question.getByRole('button', { name: 'Yes, delete' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByText(`No incomes in ${thisMonthLabel} yet.`).waitFor();
    await expectSummary(page, { income: '0.00', expenses: '950.25', net: '-950.25' });
    await page.context().close();
  });

  it('adds an income with the keyboard alone', async () => {
    const page = await signUp();
    const amount = incomeForm(page).getByLabel('Amount');
    const addButton = incomeForm(page).getByRole('button', { name: 'Add income' });
    const hasFocus = (element: Locator) => element.evaluate((node) => node === node.ownerDocument.activeElement);
    /** Presses Tab until `target` has focus, at most `limit` times. */
    async function tabTo(target: Locator, limit: number): Promise<void> {
      for (let presses = 0; presses < limit && !(await hasFocus(target)); presses++) await page.keyboard.press('Tab');
      expect(await hasFocus(target)).toBe(true);
    }

    // From the page's heading, which has focus when the page opens, on to the form.
    await tabTo(amount, 40);
    await page.keyboard.type('120.40');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Tips');
    // The date keeps today; Chromium tabs through its month, day and year on the way to the button.
    await tabTo(addButton, 5);
    await page.keyboard.press('Enter');

    await incomeForm(page).getByText('Income added.').waitFor();
    await expectSummary(page, { income: '120.40', expenses: '0.00', net: '120.40' });
    await page.getByRole('region', { name: 'Incomes', exact: true }).getByRole('cell', { name: 'Tips', exact: true }).waitFor();
    // Ready for the next one: the form is empty and its first field has focus again.
    expect(await amount.inputValue()).toBe('');
    expect(await amount.evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);
    await page.context().close();
  });

  it('shows a month of several incomes and expenses that passes axe, kept as the README screenshot', async () => {
    const page = await signUp();
    const token = await sessionToken(page);
    const sdk = createLedgerlineClient({ url: routerUrl, token });
    const day = (wanted: number) => dayOfThisMonth(Math.min(wanted, now.getDate()));
    const incomes = [
      ['4200.00', 'Salary', day(1)],
      ['850.00', 'Freelance design', day(12)],
      ['32.75', 'Savings interest', day(20)],
    ];
    const expenses = [
      ['1450.00', 'Rent', day(1)],
      ['238.60', 'Groceries', day(4)],
      ['174.00', 'Groceries', day(18)],
      ['142.18', 'Utilities', day(6)],
      ['96.00', 'Transport', day(3)],
      ['186.40', 'Eating out', day(15)],
      ['64.99', 'Entertainment', day(21)],
    ];
    for (const [amount = '', source = '', date = ''] of incomes) await sdk.mutate(AddIncomeDocument, { amount, source, date });
    for (const [amount = '', category = '', date = ''] of expenses) await sdk.mutate(AddExpenseDocument, { amount, category, date });
    await sdk.mutate(CreateSavingsGoalDocument, { goal: '6000.00', targetDate: `${now.getFullYear() + 1}-06-30` });
    await sdk.mutate(CreateSavingsGoalDocument, { goal: '1500.00', targetDate: `${now.getFullYear() + 1}-03-31` });

    await page.reload();
    await expectSummary(page, { income: '5,082.75', expenses: '2,352.17', net: '2,730.58' });
    const byCategory = chartNamed(page, /^Expenses by category/);
    expect(await byCategory.getAttribute('aria-label')).toContain('Rent 1,450.00, Groceries 412.60, Eating out 186.40');
    expect(await barWidths(byCategory)).toHaveLength(6);

    expect(await accessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'dashboard');
    await page.context().close();
  });
});
