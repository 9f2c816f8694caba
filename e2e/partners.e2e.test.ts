import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../cloud-sync/src/auth/totp.js';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startCloudServer, type CloudServer } from './support/cloud.js';
import { startStudioServer, type StudioServer } from './support/server.js';

const UI_TIMEOUT = 20_000;
const EMAIL = 'partners-e2e@example.com';
const PASSWORD = 'correct horse battery staple 7';

let cloud: CloudServer;
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

function screenshot(name: string): Promise<void> {
  return saveScreenshot(page, name);
}

const byTestId = (id: string) => page.getByTestId(id);

describe('Referral center, Profile and Connections against a real cloud-sync', () => {
  beforeAll(async () => {
    cloud = await startCloudServer();
    await cloud.register(EMAIL, PASSWORD);
    server = await startStudioServer({ KINGJAM_CLOUD_URL: cloud.url, KINGJAM_SECRET_KEY: randomBytes(32).toString('hex') });
    browser = await launchChromium();
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    await cloud?.stop();
  });

  it('asks to sign in first, then shows the referral code, link and its QR code', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    expect(await byTestId('nav-referrals').innerText()).toContain('推薦中心');
    await byTestId('language-quick').selectOption('en');
    await page.keyboard.press('Control+Shift+KeyF');
    await byTestId('page-referrals').waitFor();
    await byTestId('referrals-signed-out').waitFor();
    await byTestId('referrals-go-account').click();
    await byTestId('login-email').fill(EMAIL);
    await byTestId('login-password').fill(PASSWORD);
    await byTestId('login-submit').click();
    await byTestId('account-signed-in').waitFor();

    await byTestId('nav-referrals').click();
    await byTestId('referral-code').waitFor();
    const code = (await byTestId('referral-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{4,}$/);
    expect(await byTestId('referral-link').inputValue()).toContain(`/r/${code}`);
    // The QR code is drawn as SVG (no image request): a square of modules with a dark path.
    const qr = byTestId('referral-qr');
    expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
    expect(Number(await qr.getAttribute('data-modules'))).toBeGreaterThanOrEqual(21);
    expect(((await qr.locator('path').getAttribute('d')) ?? '').length).toBeGreaterThan(200);
    expect(await byTestId('referral-tier').getAttribute('data-tier')).toBe('bronze');
    await byTestId('referees-empty').waitFor();
    // The withdraw form: requirements not met yet, the limits stated, a too-small amount refused in the form.
    await byTestId('withdraw-form').waitFor();
    expect(await byTestId('req-phone').getAttribute('data-ok')).toBe('false');
    expect(await byTestId('req-totp').getAttribute('data-ok')).toBe('false');
    expect(await byTestId('withdraw-panel').innerText()).toContain('3,000');
    await byTestId('withdraw-amount').fill('2990');
    await byTestId('withdraw-submit').click();
    expect(await byTestId('withdraw-amount').getAttribute('aria-invalid')).toBe('true');
    await screenshot('referrals');
  });

  it('enrols two-factor authentication on the Profile page with a code computed from the key shown', async () => {
    await page.keyboard.press('Control+Shift+KeyP');
    await byTestId('page-profile').waitFor();
    await byTestId('profile-phone').waitFor();
    expect(await byTestId('phone-status').getAttribute('data-verified')).toBe('false');
    expect(await byTestId('identity-status').getAttribute('data-status')).toBe('none');
    // A Taiwanese local mobile number, typed as people do, is texted at +886.
    expect(await byTestId('phone-country').inputValue()).toBe('TW');
    await byTestId('phone-number').fill('0912-345-678');
    await byTestId('phone-send').click();
    await expect.poll(() => byTestId('phone-sent').innerText()).toContain('+886912345678');
    // A national ID with a wrong check digit is refused in the form.
    await byTestId('identity-national-id').fill('A123456788');
    await byTestId('identity-full-name').fill('Lin Hsiao-ming');
    await byTestId('identity-submit').click();
    expect(await byTestId('identity-national-id').getAttribute('aria-invalid')).toBe('true');

    // Turning 2FA on asks for the password first (the cloud re-checks it).
    await byTestId('totp-start').click();
    expect(await byTestId('totp-password').getAttribute('aria-invalid')).toBe('true');
    await byTestId('totp-password').fill(PASSWORD);
    await byTestId('totp-start').click();
    await byTestId('totp-qr').waitFor();
    const secret = (await byTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    // A wrong code is refused with the cloud's reason; the right one turns 2FA on.
    await byTestId('totp-code').fill(totpAt(secret, Date.now() - 10 * 60_000));
    await byTestId('totp-verify').click();
    await byTestId('totp-error').waitFor();
    await screenshot('profile-totp-enrol');
    await byTestId('totp-code').fill(totpAt(secret, Date.now()));
    await byTestId('totp-verify').click();
    await byTestId('totp-on').waitFor();
    expect(await byTestId('totp-status').getAttribute('data-enabled')).toBe('true');
    // Changing the authenticator later asks for the password and the current code.
    await byTestId('totp-change').click();
    await byTestId('totp-current').waitFor();
    await screenshot('profile-totp-change');
    await byTestId('totp-change-cancel').click();
    await byTestId('totp-change').waitFor();
    await screenshot('profile');
  });

  it('adds a client on the Connections page and shows its empty list of connections', async () => {
    await page.keyboard.press('Control+Shift+KeyL');
    await byTestId('page-connections').waitFor();
    await byTestId('connections-empty').waitFor();
    await byTestId('client-name').fill('Tea House');
    await byTestId('client-add').click();
    await page.locator('[data-testid="client-item"][aria-current="true"]').filter({ hasText: 'Tea House' }).waitFor();
    const list = byTestId('connections-list');
    await expect.poll(() => list.getAttribute('data-client')).not.toBe('own');
    await list.getByTestId('connections-empty').waitFor();
    expect(await list.innerText()).toContain('Tea House');
    // Connecting a platform the cloud has no OAuth client for says so.
    await byTestId('connection-add').click();
    await byTestId('connect-dialog').waitFor();
    await byTestId('connect-platform').selectOption('linkedin');
    await byTestId('oauth-start').click();
    await byTestId('connect-error').waitFor();
    expect(await byTestId('connect-error').getAttribute('data-cloud-code')).toBe('PLATFORM_NOT_CONFIGURED');
    await screenshot('connections-connect-error');
    await page.keyboard.press('Escape');
    await byTestId('connect-dialog').waitFor({ state: 'detached' });
    await screenshot('connections');

    await page.keyboard.press('?');
    await byTestId('shortcut-help').waitFor();
    expect(await byTestId('shortcut-help').innerText()).toContain('Ctrl+Shift+F');
    await page.keyboard.press('Escape');
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  });
});
