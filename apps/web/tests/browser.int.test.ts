/**
 * The web app in a real browser (Debian's headless Chromium through puppeteer-core) against the whole local
 * system: sign in through the local issuer, record an expense and see it in the list and, once the events have
 * flowed, in the insights totals; edit it against a newer version and keep one's own; set a budget, cross it and
 * find the alert in the inbox; attach a receipt (refused over 10 MB before sending, then uploaded to the local
 * S3, checked and shown inline); ask for the month's report and read it; delete an expense and see the totals
 * follow; stay signed in when the access token runs out (refresh token); come back after a refused token;
 * sign out. Once at a desktop size and once at a phone's (375×667).
 * axe-core checks every page (no serious or critical violations) and each page is saved as a screenshot under
 * .screenshots/web/. Everything goes through the local edge (`endpoints.web`), the local stand-in for CloudFront.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testCalendar } from '@spendwise/test-kit';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ensureWebAppBuilt } from '../../../packages/local-cloud/src/edge/webAppBuild';
import { type System, settled, startSystem } from '../../../tests/e2e/support/system';
import { type AxeViolation, axe, chromiumPath, rootDir, screenshot, screenshotDir } from './support/browser';

let system: System;
let browser: Browser;
/** Files the story attaches as receipts: a real 1×1 PNG, and one just over the 10 MB limit. */
let receiptDir: string;
let webUrl: string;
const startedAt = Date.now();
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const axeResults: Array<{ page: string; violations: AxeViolation[] }> = [];

beforeAll(async () => {
  const executablePath = chromiumPath();
  // The app as `pnpm start` serves it: built when missing or older than its sources.
  await ensureWebAppBuilt(rootDir);
  receiptDir = await mkdtemp(join(tmpdir(), 'spendwise-receipts-'));
  await writeFile(join(receiptDir, 'receipt.png'), PNG_1X1);
  await writeFile(join(receiptDir, 'too-big.png'), Buffer.concat([PNG_1X1, Buffer.alloc(10 * 1024 * 1024)]));
  system = await startSystem();
  // Through the local edge (the local CloudFront): the app's files and /api on one origin, as on AWS.
  const edge = system.cloud.endpoints.web;
  if (!edge)
    throw new Error('The local cloud serves no web edge (endpoints.web): is services/edge deployed?');
  webUrl = edge;
  browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=en-GB'],
  });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  const serious = axeResults.flatMap((r) =>
    r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${r.page}: ${v.id}`),
  );
  console.log(
    [
      `browser test: ${((Date.now() - startedAt) / 1000).toFixed(1)} s through the local edge ${webUrl}; screenshots in ${screenshotDir}`,
      `axe-core: ${axeResults.length} pages checked, ${serious.length} serious or critical violations`,
      ...axeResults.map(
        (r) =>
          `  ${r.page.padEnd(28)} ${r.violations.length === 0 ? 'no violations' : r.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ')}`,
      ),
    ].join('\n'),
  );
});

/** Checks the page with axe-core, keeps the result for the summary, saves a screenshot. */
async function check(page: Page, name: string): Promise<void> {
  const violations = await axe(page);
  axeResults.push({ page: name, violations });
  await screenshot(page, name);
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

const heading = (page: Page, text: string) =>
  page.waitForFunction((t) => document.querySelector('main h1')?.textContent === t, {}, text);

const textOf = (page: Page, selector: string) => page.$eval(selector, (element) => element.textContent ?? '');

async function go(page: Page, label: string, title = label): Promise<void> {
  await page.locator(`nav[aria-label="Main"] ::-p-text(${label})`).click();
  await heading(page, title);
}

async function signIn(page: Page, user: string, viewport: string): Promise<void> {
  await page.goto(webUrl);
  await heading(page, 'Welcome to Spendwise');
  await check(page, `${viewport}-sign-in`);
  await Promise.all([page.waitForNavigation(), page.locator('button::-p-text(Sign in)').click()]);
  await page.locator('#username').fill(user);
  await Promise.all([page.waitForNavigation(), page.locator('button[type=submit]').click()]);
  await heading(page, 'Expenses');
}

/** Opens "Add expense", fills it in and submits it with a double click; waits for the dialog to close. */
async function addExpense(page: Page, amount: string, merchant: string, categoryId: string): Promise<void> {
  await page.locator('button::-p-text(Add expense)').click();
  await page.waitForSelector('dialog[open]');
  await page.locator('dialog input[name=amount]').fill(amount);
  await page.select('dialog select[name=currency]', 'EUR');
  await page.locator('dialog input[name=merchant]').fill(merchant);
  await page.waitForSelector(`dialog option[value="${categoryId}"]`);
  await page.select('dialog select[name=categoryId]', categoryId);
  await page.locator('dialog button[type=submit]').click({ count: 2 });
  await page.waitForSelector('dialog[open]', { hidden: true });
}

const formatEur = (page: Page, minorUnits: number) =>
  page.evaluate(
    (value) =>
      new Intl.NumberFormat(navigator.language, { style: 'currency', currency: 'EUR' }).format(value),
    minorUnits / 100,
  );

async function story(viewport: 'desktop' | 'phone'): Promise<void> {
  const page = await browser.newPage();
  // Script errors and what the edge's Content-Security-Policy refuses ("Refused to …") fail the story; failed
  // requests (the 401 and 412 the story provokes) are the app's business and show on the page instead.
  const problems: string[] = [];
  page.on('pageerror', (error) =>
    problems.push(`uncaught: ${error instanceof Error ? error.message : error}`),
  );
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  await page.emulateTimezone('UTC');
  await page.setViewport(
    viewport === 'phone'
      ? { width: 375, height: 667, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
      : { width: 1280, height: 860 },
  );
  const user = `web-${viewport}-${Date.now()}`;
  const api = await system.as(user);
  const calendar = testCalendar();

  await signIn(page, user, viewport);
  const monthName = await page.evaluate(
    (m) =>
      new Intl.DateTimeFormat(navigator.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${m}-01T00:00:00Z`),
      ),
    calendar.month,
  );
  expect(await textOf(page, '.month-title')).toContain(monthName);
  await check(page, `${viewport}-expenses-empty`);

  // Record an expense with a double click on the button: one expense.
  await addExpense(page, '12.50', 'Fresh Market', 'groceries');
  await page.waitForSelector('.expense ::-p-text(Fresh Market)');
  const listed = await api.expect<{ items: Array<{ merchant?: string }> }>(
    200,
    'expenses',
    'GET',
    `/expenses?month=${calendar.month}`,
  );
  expect(listed.items.filter((e) => e.merchant === 'Fresh Market')).toHaveLength(1);
  expect(await textOf(page, '.expense-list')).toContain(await formatEur(page, 1250));
  await check(page, `${viewport}-expenses`);

  // An edit that meets a newer version (changed elsewhere): the dialog shows it, and "Keep mine" saves over it.
  const [recorded] = listed.items as Array<{ expenseId: string; version: number; merchant?: string }>;
  await api.expect(
    200,
    'expenses',
    'PATCH',
    `/expenses/${recorded?.expenseId}`,
    { note: 'changed elsewhere' },
    { 'if-match': `"${recorded?.version}"` },
  );
  await page.locator('.expense button::-p-text(Edit)').click();
  await page.waitForSelector('dialog[open]');
  await page.locator('dialog textarea[name=note]').fill('mine');
  await page.locator('dialog button[type=submit]').click();
  await page.waitForSelector('dialog .notice--warning ::-p-text(changed elsewhere)');
  await page.locator('dialog button::-p-text(Keep mine)').click();
  await page.waitForSelector('dialog[open]', { hidden: true });
  const kept = await api.expect<{ note?: string; version: number }>(
    200,
    'expenses',
    'GET',
    `/expenses/${recorded?.expenseId}`,
  );
  expect(kept).toMatchObject({ note: 'mine', version: (recorded?.version ?? 0) + 2 });

  // Attach a receipt: the file goes straight to the local S3 with the presigned POST (CORS), is checked from its
  // first bytes, and shows inline from the presigned GET (the CSP lets the app reach the bucket's endpoint).
  await page.locator('.expense button::-p-text(Attach receipt)').click();
  await page.waitForSelector('dialog[open] input[type=file]');
  const tooBig = join(receiptDir, 'too-big.png');
  const fileInput = await page.$('dialog input[type=file]');
  await fileInput?.uploadFile(tooBig);
  await page.waitForSelector('dialog .notice--error ::-p-text(at most 10 MB)');
  await fileInput?.uploadFile(join(receiptDir, 'receipt.png'));
  await page.waitForSelector('dialog img.receipt__image', { timeout: 60_000 });
  await page.waitForFunction(
    () =>
      (document.querySelector('dialog img.receipt__image') as HTMLImageElement | null)?.naturalWidth === 1,
  );
  await check(page, `${viewport}-receipt`);
  const withReceipt = await api.expect<{ receipt?: { contentType: string } }>(
    200,
    'expenses',
    'GET',
    `/expenses/${recorded?.expenseId}`,
  );
  expect(withReceipt.receipt?.contentType).toBe('image/png');
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog[open]', { hidden: true });
  await page.waitForSelector('.expense button::-p-text(Receipt)');

  // The insights totals follow once the events have flowed.
  await settled(system);
  await go(page, 'Insights');
  await page.waitForSelector('[data-testid="total-EUR"]');
  expect(await textOf(page, '[data-testid="total-EUR"]')).toBe(await formatEur(page, 1250));
  await check(page, `${viewport}-insights`);

  // A budget of 20 € for groceries, crossed by a second expense of 15 €.
  await go(page, 'Budgets');
  await page.waitForSelector('#budget-form option[value="groceries"]');
  // The budgets list loads too: typing while it re-renders the page could land in the middle of the field.
  await page.waitForSelector('main .loading', { hidden: true });
  await page.select('#budget-form select[name=categoryId]', 'groceries');
  await page.locator('#budget-form input[name=amount]').fill('20');
  await page.select('#budget-form select[name=currency]', 'EUR');
  await page.locator('#budget-form input[name=thresholds]').fill('50, 100');
  await page.locator('#budget-form button[type=submit]').click();
  await page.waitForSelector('.rows .row ::-p-text(Groceries)');
  await check(page, `${viewport}-budgets`);
  await settled(system);
  await go(page, 'Expenses');
  await addExpense(page, '15', 'Corner Shop', 'groceries');
  await page.waitForSelector('.expense ::-p-text(Corner Shop)');
  await settled(system);

  // The alert is in the inbox, and the navigation counts it.
  await go(page, 'Inbox');
  await page.waitForSelector('.inbox__item--unread');
  expect(await textOf(page, '.inbox')).toMatch(/Budget/);
  await page.waitForSelector('nav .badge');
  expect(Number((await textOf(page, 'nav .badge')).replace(/\D/g, ''))).toBeGreaterThan(0);
  await check(page, `${viewport}-inbox`);

  // The month's report: requested, written, read.
  await go(page, 'Reports');
  await page.locator('.page-header button::-p-text(Write report)').click();
  await page.waitForSelector('article.report');
  await settled(system);
  await page.waitForSelector('article.report:not([aria-busy="true"]) .report__summary', { timeout: 60_000 });
  expect((await textOf(page, '.report__summary')).length).toBeGreaterThan(20);
  await check(page, `${viewport}-report`);

  // Deleting an expense asks once, takes it off the list, and the insights totals follow.
  await go(page, 'Expenses');
  await page.locator('.expense button::-p-text(Delete Corner Shop)').click();
  await page.waitForSelector('dialog[open] ::-p-text(will be removed)');
  await page.locator('dialog[open] button.button--danger').click();
  await page.waitForSelector('dialog[open]', { hidden: true });
  await page.waitForSelector('.expense ::-p-text(Corner Shop)', { hidden: true });
  const remaining = await api.expect<{ items: Array<{ merchant?: string }> }>(
    200,
    'expenses',
    'GET',
    `/expenses?month=${calendar.month}`,
  );
  expect(remaining.items.map((e) => e.merchant)).toEqual(['Fresh Market']);
  await settled(system);
  await go(page, 'Insights');
  await page.waitForSelector('[data-testid="total-EUR"]');
  expect(await textOf(page, '[data-testid="total-EUR"]')).toBe(await formatEur(page, 1250));

  // An access token that has run out is renewed with the refresh token, without asking the person again.
  // The session is changed from a page of the same origin that is not the app (its config.json), so no request
  // of the running app can see the change half-way.
  await page.goto(`${webUrl}/config.json`);
  const before = await page.evaluate(() => {
    const session = JSON.parse(sessionStorage.getItem('spendwise.session') ?? '{}');
    sessionStorage.setItem('spendwise.session', JSON.stringify({ ...session, expiresAt: Date.now() - 1000 }));
    return session as { accessToken: string; refreshToken?: string };
  });
  expect(before.refreshToken).toEqual(expect.any(String));
  await page.goto(`${webUrl}/inbox`);
  await heading(page, 'Inbox');
  await page.waitForSelector('.inbox__item');
  const renewed = await page.evaluate(
    () =>
      JSON.parse(sessionStorage.getItem('spendwise.session') ?? '{}') as {
        accessToken: string;
        expiresAt: number;
      },
  );
  expect(renewed.accessToken).not.toBe(before.accessToken);
  expect(renewed.expiresAt).toBeGreaterThan(Date.now());

  // A token the APIs refuse (401) leads back to sign-in, and signing in again returns to the same page.
  await page.goto(`${webUrl}/config.json`);
  await page.evaluate(() => {
    const session = JSON.parse(sessionStorage.getItem('spendwise.session') ?? '{}');
    sessionStorage.setItem('spendwise.session', JSON.stringify({ ...session, accessToken: 'not.a.token' }));
  });
  await page.goto(`${webUrl}/insights?month=${calendar.month}`);
  await heading(page, 'Your session has ended');
  await Promise.all([page.waitForNavigation(), page.locator('button::-p-text(Sign in)').click()]);
  await page.locator('#username').fill(user);
  await Promise.all([page.waitForNavigation(), page.locator('button[type=submit]').click()]);
  await heading(page, 'Insights');
  expect(new URL(page.url()).search).toBe(`?month=${calendar.month}`);

  for (const [label, title] of [
    ['Categories', 'Categories'],
    ['Merchant rules', 'Merchant rules'],
    ['Preferences', 'Preferences'],
  ] as const) {
    await go(page, label, title);
    await page.waitForSelector('main .loading', { hidden: true });
    await check(page, `${viewport}-${label.toLowerCase().replace(' ', '-')}`);
  }

  // Sign out: back to the sign-in page, and the app's data is out of reach.
  await Promise.all([page.waitForNavigation(), page.locator('button::-p-text(Sign out)').click()]);
  await heading(page, 'Welcome to Spendwise');
  expect(problems).toEqual([]);
  await page.close();
}

/** The story, with a screenshot of where it stopped when it fails. */
async function storyAt(viewport: 'desktop' | 'phone'): Promise<void> {
  try {
    await story(viewport);
  } catch (error) {
    const pages = await browser.pages();
    const last = pages.at(-1);
    if (last) await screenshot(last, `${viewport}-failure`).catch(() => undefined);
    throw error;
  }
}

describe('the web app in a browser', () => {
  it('signs in, records, shows insights, alerts on a crossed budget and writes a report (desktop)', async () => {
    await storyAt('desktop');
  }, 600_000);

  it('does the same on a phone-sized screen (375×667)', async () => {
    await storyAt('phone');
  }, 600_000);
});
