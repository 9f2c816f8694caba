import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startCloudServer, type CloudServer } from './support/cloud.js';
import { writeFakePng } from './support/media.js';
import { startStudioServer, type StudioServer } from './support/server.js';

/**
 * What main, the workers and the cloud say reaches a Chinese user in Chinese:
 * a failed import (a damaged and an empty file), a provider that is not set
 * up, and the Credits page's packs and history — in zh-TW and zh-CN, with
 * none of the English sentences main sends along for logs.
 */
const UI_TIMEOUT = 30_000;
const EMAIL = 'messages-e2e@example.com';
const PASSWORD = 'correct horse battery staple 9';
/** English sentences main or the cloud sends with these errors; none may show in Chinese. */
const ENGLISH = [/is not a readable image/, /is empty \(0 bytes\)/, /is not set up/, /Open Settings/, /Starter pack|Standard pack|Advanced pack|Enterprise pack/, /free plan sign-up credits/];

let cloud: CloudServer;
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let fixtures: string;

const byTestId = (id: string) => page.getByTestId(id);

function expectNoEnglish(text: string): void {
  for (const sentence of ENGLISH) expect(text).not.toMatch(sentence);
}

async function setLanguage(language: 'zh-TW' | 'zh-CN'): Promise<void> {
  await byTestId('language-quick').selectOption(language);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

/** Imports files through the library's file input and returns the error toast that names `name`. */
async function importAndReadToast(file: string, name: string): Promise<string> {
  await page.keyboard.press('Control+2');
  await byTestId('import-input').setInputFiles(file);
  const toast = byTestId('toast-error').filter({ hasText: name }).last();
  await toast.waitFor({ timeout: 60_000 });
  const text = await toast.innerText();
  await toast.getByRole('button').first().click().catch(() => {});
  return text;
}

async function providerCheckText(): Promise<string> {
  await byTestId('nav-settings').click();
  const gemini = byTestId('provider-gemini');
  await gemini.waitFor();
  await gemini.getByTestId('provider-test').click();
  const check = gemini.getByTestId('provider-check');
  await expect.poll(() => check.getAttribute('data-ok'), { timeout: UI_TIMEOUT }).toBe('false');
  return check.innerText();
}

describe('server and worker messages in the Chinese UI', () => {
  beforeAll(async () => {
    fixtures = await mkdtemp(path.join(tmpdir(), 'kingjam-e2e-messages-'));
    cloud = await startCloudServer();
    await cloud.register(EMAIL, PASSWORD);
    server = await startStudioServer({ KINGJAM_CLOUD_URL: cloud.url, KINGJAM_SECRET_KEY: randomBytes(32).toString('hex') });
    browser = await launchChromium();
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT, locale: 'zh-TW' }));
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    await cloud?.stop();
    if (fixtures) await rm(fixtures, { recursive: true, force: true });
  });

  it('zh-TW: a damaged image and an empty file are refused in Traditional Chinese', async () => {
    await setLanguage('zh-TW');
    const damaged = path.join(fixtures, 'damaged-tw.png');
    await writeFakePng(damaged);
    const worker = await importAndReadToast(damaged, 'damaged-tw.png');
    expect(worker).toContain('「damaged-tw.png」不是可讀取的圖片。');
    expect(worker).toContain('請用影像編輯軟體開啟');
    expectNoEnglish(worker);
    await saveScreenshot(page, 'messages-import-damaged-zh-TW');

    const empty = path.join(fixtures, 'empty-tw.jpg');
    await writeFile(empty, '');
    const main = await importAndReadToast(empty, 'empty-tw.jpg');
    expect(main).toContain('「empty-tw.jpg」是空的（0 位元組）。');
    expectNoEnglish(main);
  });

  it('zh-TW: a provider that is not set up says so in Traditional Chinese', async () => {
    const text = await providerCheckText();
    expect(text).toContain('Gemini 尚未設定：沒有 API 金鑰。');
    expect(text).toContain('設定 → AI 服務');
    expectNoEnglish(text);
    await saveScreenshot(page, 'messages-provider-zh-TW');
  });

  it('zh-CN: the same refusals in Simplified Chinese', async () => {
    await setLanguage('zh-CN');
    const damaged = path.join(fixtures, 'damaged-cn.png');
    await writeFakePng(damaged);
    const worker = await importAndReadToast(damaged, 'damaged-cn.png');
    expect(worker).toContain('“damaged-cn.png”不是可读取的图片。');
    expectNoEnglish(worker);

    const empty = path.join(fixtures, 'empty-cn.jpg');
    await writeFile(empty, '');
    const main = await importAndReadToast(empty, 'empty-cn.jpg');
    expect(main).toContain('“empty-cn.jpg”是空的（0 字节）。');
    expectNoEnglish(main);

    const provider = await providerCheckText();
    expect(provider).toContain('Gemini 尚未设置：没有 API 密钥。');
    expectNoEnglish(provider);
  });

  it('the History page shows the failed import in Chinese, read back from the database', async () => {
    await page.keyboard.press('Control+3');
    await byTestId('history-status-filter').selectOption('failed');
    const row = page.locator('[data-testid="history-row"][data-status="failed"]').filter({ hasText: 'damaged-cn.png' });
    await row.first().getByTestId('history-error').waitFor();
    const text = await row.first().getByTestId('history-error').innerText();
    expect(text).toContain('不是可读取的图片');
    expectNoEnglish(text);
    await byTestId('history-status-filter').selectOption('');
  });

  it('the Credits page names the packs and the history entries in Chinese', async () => {
    await page.keyboard.press('Control+7');
    await byTestId('login-email').fill(EMAIL);
    await byTestId('login-password').fill(PASSWORD);
    await byTestId('login-submit').click();
    await byTestId('account-signed-in').waitFor();
    await page.keyboard.press('Control+6');
    await byTestId('page-credits').waitFor();
    const pack = (id: string) => page.locator(`[data-testid="offer-pack"][data-id="${id}"]`).getByTestId('offer-name');
    await pack('pack_500').waitFor();
    expect(await pack('pack_500').innerText()).toBe('入门点数包');
    expect(await pack('pack_10000').innerText()).toBe('企业点数包');

    await setLanguage('zh-TW');
    await expect.poll(() => pack('pack_500').innerText()).toBe('入門點數包');
    expect(await pack('pack_1000').innerText()).toBe('標準點數包');
    const reasons = await page.getByTestId('wallet-entry-reason').allInnerTexts();
    expect(reasons).toContain('免費方案註冊點數');
    expectNoEnglish((await byTestId('page-credits').innerText()).replace(/KingJam/g, ''));
    await saveScreenshot(page, 'messages-credits-zh-TW');
    // Script errors only: a 404 for a resource (the refused imports' media, gone by design) is not this test's concern.
    expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
