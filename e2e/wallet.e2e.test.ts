import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../cloud-sync/src/auth/totp.js';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startCloudServer, type CloudServer } from './support/cloud.js';
import { startStudioServer, type StudioServer } from './support/server.js';

const UI_TIMEOUT = 20_000;
const EMAIL = 'wallet-e2e@example.com';
const PASSWORD = 'correct horse battery staple 9';
const TOTP_EMAIL = 'wallet-e2e-2fa@example.com';

let cloud: CloudServer;
let totpSecret: string;
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

function screenshot(name: string): Promise<void> {
  return saveScreenshot(page, name);
}

function byTestId(id: string) {
  return page.getByTestId(id);
}

async function signIn(password: string, email = EMAIL): Promise<void> {
  await byTestId('login-email').fill(email);
  await byTestId('login-password').fill(password);
  await byTestId('login-submit').click();
}

describe('Account and Credits against a real cloud-sync on SQLite', () => {
  beforeAll(async () => {
    cloud = await startCloudServer();
    await cloud.register(EMAIL, PASSWORD);
    totpSecret = await cloud.enableTotp(await cloud.register(TOTP_EMAIL, PASSWORD), PASSWORD);
    server = await startStudioServer({ KINGJAM_CLOUD_URL: cloud.url, KINGJAM_SECRET_KEY: randomBytes(32).toString('hex') });
    browser = await launchChromium();
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    await cloud?.stop();
  });

  it('shows the Credits empty state before signing in, which leads to the Account page', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    // The new entries are translated (zh-TW first), then the rest of the test runs in English.
    expect(await byTestId('nav-credits').innerText()).toContain('點數');
    expect(await byTestId('nav-account').innerText()).toContain('帳號');
    await byTestId('language-quick').selectOption('en');
    await expect.poll(() => byTestId('nav-credits').innerText()).toContain('Credits');
    expect(await byTestId('sidebar-credits').count()).toBe(0);
    await page.keyboard.press('Control+6');
    await byTestId('page-credits').waitFor();
    await byTestId('credits-signed-out').waitFor();
    await byTestId('credits-go-account').click();
    await byTestId('page-account').waitFor();
    await byTestId('login-form').waitFor();
    expect(await byTestId('account-no-store').count()).toBe(0);
    // The cloud URL is prefilled from account.get (KINGJAM_CLOUD_URL).
    await byTestId('login-advanced').click();
    expect(await byTestId('login-cloud-url').inputValue()).toBe(cloud.url);
  });

  it('shows the cloud’s error for a wrong password', async () => {
    await signIn('not the password');
    await byTestId('login-error').waitFor();
    expect(await byTestId('login-error').getAttribute('data-code')).toBe('NOT_SIGNED_IN');
    // The cloud's own words (cloud-sync says "wrong email/phone or password").
    expect(await byTestId('login-error').innerText()).toMatch(/(wrong|invalid) email.* or password/i);
    expect(await byTestId('login-totp').count()).toBe(0);
    await screenshot('account-sign-in-error');
  });

  it('signs in and shows the account with where the token is kept', async () => {
    await signIn(PASSWORD);
    await byTestId('account-signed-in').waitFor();
    expect(await byTestId('account-email').innerText()).toBe(EMAIL);
    expect(await byTestId('account-cloud-url').innerText()).toBe(cloud.url);
    expect(await byTestId('account-online').getAttribute('data-online')).toBe('true');
    expect(await byTestId('account-secret-store').innerText()).toContain('KINGJAM_SECRET_KEY');
    await expect.poll(() => byTestId('account-last-sync').innerText()).not.toBe('Not yet');
    await byTestId('toast-success').first().waitFor();
    // The sidebar badge shows the credits usable now.
    await expect.poll(() => byTestId('sidebar-credits').innerText()).toBe('200');
    await screenshot('account');
  });

  it('shows 200 PROMO credits, the allowance reserved on this device, the history and the offers', async () => {
    await byTestId('account-go-credits').click();
    await byTestId('page-credits').waitFor();
    await byTestId('credits-balance').waitFor();
    expect(await byTestId('credits-total').innerText()).toBe('200');
    expect(await byTestId('credits-available').innerText()).toBe('200');
    const promo = byTestId('bucket-PROMO');
    expect(await promo.getAttribute('data-total')).toBe('200');
    expect(await promo.innerText()).toContain('Promotional');
    for (const bucket of ['SUB', 'PAID', 'BONUS']) expect(await byTestId(`bucket-${bucket}`).getAttribute('data-total')).toBe('0');
    // Sign-up PROMO credits expire in 30 days; cloud-sync lists only unheld credits as expiring. Any row it shows is PROMO.
    await byTestId('credits-expiring').waitFor();
    for (const bucket of await page.locator('[data-testid="expiring-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-bucket')))) {
      expect(bucket).toBe('PROMO');
    }

    // Half the wallet, not all of it, is reserved on this device for offline work (no recent use: the floor of 100).
    expect(await byTestId('allowance-amount').innerText()).toBe('100');
    expect(await byTestId('allowance-remaining').innerText()).toBe('100');
    expect(await byTestId('credits-held').innerText()).toBe('100');

    // History: the sign-up grant and the allowance hold.
    await byTestId('wallet-history-table').waitFor();
    const kinds = await page.locator('[data-testid="wallet-entry"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(kinds).toContain('grant');
    expect(kinds).toContain('hold');

    // Plans and packs with NT$ prices.
    await byTestId('offer-pack').first().waitFor();
    const prices = await page.locator('[data-testid="offer-price"]').allInnerTexts();
    expect(prices.some((p) => p.includes('NT$ 299'))).toBe(true);
    expect(prices.some((p) => p.includes('NT$ 150'))).toBe(true);

    // Sync works again and keeps the figures.
    await byTestId('credits-sync').click();
    await expect.poll(() => byTestId('credits-sync').isEnabled()).toBe(true);
    expect(await byTestId('credits-total').innerText()).toBe('200');
    await screenshot('credits');
  });

  it('shows the last known balance with an offline badge while the cloud is down, and says when it is back', async () => {
    await cloud.pause();
    await byTestId('credits-sync').click();
    await byTestId('credits-offline').waitFor();
    await page.getByTestId('toast-info').filter({ hasText: 'cannot be reached' }).first().waitFor();
    expect(await byTestId('credits-fetched-at').innerText()).toContain('Last known balance');
    expect(await byTestId('credits-total').innerText()).toBe('200');
    expect(await byTestId('allowance-remaining').innerText()).toBe('100');
    expect(await byTestId('sidebar-credits').getAttribute('class')).toContain('offline');
    await screenshot('credits-offline');

    await cloud.resume();
    await byTestId('credits-sync').click();
    await page.getByTestId('toast-success').filter({ hasText: 'Back online' }).first().waitFor();
    await byTestId('credits-offline').waitFor({ state: 'detached' });
    expect(await byTestId('credits-fetched-at').innerText()).toContain('Updated');
  });

  it('says why a purchase cannot start when the cloud has no payments configured', async () => {
    await byTestId('offer-pack').first().getByTestId('offer-buy').click();
    const toast = page.getByTestId('toast-error').filter({ hasText: 'checkout could not start' }).first();
    await toast.waitFor();
    expect(await toast.innerText()).toContain('Payments are not set up on the KingJam cloud yet.');
    expect(await byTestId('checkout-link').count()).toBe(0);
  });

  it('signs out after confirmation and shows the empty state again', async () => {
    await page.keyboard.press('Control+7');
    await byTestId('page-account').waitFor();
    await byTestId('account-sign-out').click();
    await byTestId('confirm-dialog').waitFor();
    await byTestId('confirm-cancel').click();
    await byTestId('account-signed-in').waitFor();
    await byTestId('account-sign-out').click();
    await byTestId('confirm-ok').click();
    await byTestId('login-form').waitFor();
    await byTestId('sidebar-credits').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+6');
    await byTestId('credits-signed-out').waitFor();
  });

  it('asks for the 6-digit code when the account has two-step sign-in', async () => {
    await page.keyboard.press('Control+7');
    await byTestId('login-form').waitFor();
    await signIn(PASSWORD, TOTP_EMAIL);
    await byTestId('login-totp').waitFor();
    expect(await byTestId('login-error').innerText()).toContain('authenticator code');
    // A short code is refused in the form; the next time step's code is accepted (the enrolment used this one).
    await byTestId('login-password').fill(PASSWORD);
    await byTestId('login-totp').fill('123');
    await byTestId('login-submit').click();
    expect(await byTestId('login-totp').getAttribute('aria-invalid')).toBe('true');
    await byTestId('login-totp').fill(totpAt(totpSecret, Date.now() + 30_000));
    await byTestId('login-submit').click();
    await byTestId('account-signed-in').waitFor();
    expect(await byTestId('account-email').innerText()).toBe(TOTP_EMAIL);
    await byTestId('account-sign-out').click();
    await byTestId('confirm-ok').click();
    await byTestId('login-form').waitFor();
    // Refused calls (401 sign-in, 503 checkout) log "Failed to load resource"; nothing else may.
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  });
});
