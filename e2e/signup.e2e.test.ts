import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startCloudServer, type CloudServer } from './support/cloud.js';
import { startStudioServer, type StudioServer } from './support/server.js';

const UI_TIMEOUT = 20_000;
const REFERRER = 'referrer-e2e@example.com';
const EMAIL = 'newcomer-e2e@example.com';
const PASSWORD = 'my first password 1';
const NEW_PASSWORD = 'my second password 2';

let cloud: CloudServer;
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let referralCode = '';
let referralLink = '';

const byTestId = (id: string) => page.getByTestId(id);

/** What a read-only look at a SQLite file answers (the studio's or the cloud's, while they run). */
function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('Sign-up on the Account page against a real cloud-sync', () => {
  beforeAll(async () => {
    cloud = await startCloudServer();
    const token = await cloud.register(REFERRER, 'referrer password 1');
    const res = await fetch(`${cloud.url}/v1/referrals/code`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    ({ code: referralCode, link: referralLink } = (await res.json()) as { code: string; link: string });
    server = await startStudioServer({ KINGJAM_CLOUD_URL: cloud.url, KINGJAM_SECRET_KEY: randomBytes(32).toString('hex') });
    browser = await launchChromium();
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT, locale: 'zh-TW' }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    await cloud?.stop();
  });

  it("the referral link is the cloud's own address, and its page speaks the visitor's language", async () => {
    expect(referralLink).toBe(`${cloud.url}/r/${referralCode}`);
    expect(referralLink).not.toContain(':0/');
    await page.goto(referralLink);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-TW');
    expect(await page.locator('code').innerText()).toBe(referralCode);
    expect(await page.locator('a.open').getAttribute('href')).toBe(`kingjam://signup?ref=${referralCode}`);
    expect(await page.locator('body').innerText()).toContain('推薦碼');
    const cn = await fetch(referralLink, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(await cn.text()).toContain('推荐码');
  });

  it('labels the sign-up, code and reset forms in zh-TW and zh-CN', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('nav-account').click();
    await byTestId('login-form').waitFor();
    expect(await byTestId('login-create').innerText()).toBe('建立帳號');
    expect(await byTestId('login-forgot').innerText()).toBe('忘記密碼？');
    await byTestId('login-create').click();
    expect(await byTestId('signup-form').innerText()).toContain('建立你的 KingJam 帳號');
    expect(await byTestId('signup-form').innerText()).toContain('推薦碼（選填）');
    await byTestId('language-quick').selectOption('zh-CN');
    expect(await byTestId('signup-form').innerText()).toContain('创建你的 KingJam 账号');
    expect(await byTestId('signup-form').innerText()).toContain('推荐码（选填）');
    expect(await byTestId('signup-back').innerText()).toBe('已经有账号？登录');
    await byTestId('signup-back').click();
    await byTestId('login-forgot').click();
    expect(await byTestId('reset-form').innerText()).toContain('重设密码');
    await byTestId('language-quick').selectOption('zh-TW');
    expect(await byTestId('reset-form').innerText()).toContain('重設密碼');
    await byTestId('reset-back').click();
    await saveScreenshot(page, 'signup-labels-zh');
  });

  it('creates an account with a referral code, verifies by the mailed code and signs in (English)', async () => {
    await byTestId('language-quick').selectOption('en');
    await byTestId('login-create').click();
    await byTestId('signup-email').fill(EMAIL);
    await byTestId('signup-password').fill('short');
    await byTestId('signup-submit').click();
    expect(await byTestId('signup-password').getAttribute('aria-invalid')).toBe('true');
    await byTestId('signup-password').fill(PASSWORD);
    await byTestId('signup-nickname').fill('Newcomer');
    await byTestId('signup-referral').fill(referralCode.toLowerCase());
    expect(await byTestId('signup-referral').inputValue()).toBe(referralCode);
    await byTestId('signup-submit').click();
    await byTestId('verify-form').waitFor();
    expect(await byTestId('verify-intro').innerText()).toContain(EMAIL);
    expect(await byTestId('verify-resend').isDisabled()).toBe(true);

    await byTestId('verify-code').fill('000000');
    await byTestId('verify-submit').click();
    const wrong = byTestId('verify-error');
    await wrong.waitFor();
    expect(await wrong.getAttribute('data-cloud-code')).toBe('INVALID_EMAIL_CODE');
    expect(await wrong.innerText()).toContain('The code is wrong or has expired');

    await byTestId('verify-code').fill(await cloud.mailedCode(EMAIL));
    await byTestId('verify-submit').click();
    await byTestId('account-signed-in').waitFor();
    await page.getByTestId('toast-success').filter({ hasText: 'Email verified' }).first().waitFor();
    await saveScreenshot(page, 'signup-verified');

    // The Free plan's credits came with the verification.
    await byTestId('nav-credits').click();
    await expect.poll(async () => (await byTestId('credits-total').innerText()).trim()).toBe('200');

    // The device id the page computed reached the cloud with the sign-in, instead of the host name.
    const [stored] = query<{ value: string }>(path.join(server.home, 'studio.sqlite'), "select value from settings where key = 'device_id'");
    const id = JSON.parse(stored!.value) as string;
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const hashes = query<{ device_hash: string; event: string }>(cloud.dbFile, 'select f.device_hash, f.event from fingerprints f join users u on u.id = f.user_id where u.email = ?', EMAIL);
    expect(hashes.map((h) => h.event)).toEqual(expect.arrayContaining(['signup', 'login']));
    for (const h of hashes) expect(h.device_hash).toBe(cloud.deviceHash(id));
    // The referrer sees the newcomer by nickname.
    const referee = query<{ nickname: string; referred_by: string }>(cloud.dbFile, 'select nickname, referred_by from users where email = ?', EMAIL)[0];
    expect(referee?.nickname).toBe('Newcomer');
    expect(referee?.referred_by).not.toBeNull();
  });

  it('resets a forgotten password by the mailed code, which signs this device out', async () => {
    await byTestId('nav-account').click();
    await byTestId('account-signed-in').waitFor();
    await byTestId('account-sign-out').click();
    await byTestId('confirm-ok').click();
    await byTestId('login-form').waitFor();
    await byTestId('login-email').fill(EMAIL);
    await byTestId('login-forgot').click();
    expect(await byTestId('reset-email').inputValue()).toBe(EMAIL);
    await byTestId('reset-submit').click();
    await byTestId('reset-code').waitFor();
    expect(await byTestId('reset-intro').innerText()).toContain(EMAIL);
    await byTestId('reset-code').fill(await cloud.mailedCode(EMAIL));
    await byTestId('reset-password').fill(NEW_PASSWORD);
    await byTestId('reset-submit').click();
    await page.getByTestId('toast-success').filter({ hasText: 'Password changed' }).first().waitFor();
    await byTestId('login-form').waitFor();
    await byTestId('login-email').fill(EMAIL);
    await byTestId('login-password').fill(NEW_PASSWORD);
    await byTestId('login-submit').click();
    await byTestId('account-signed-in').waitFor();
    // Refused calls (the wrong code's 400, the landing page's missing favicon) log "Failed to load resource"; nothing else may.
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  });
});
