import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';

/**
 * Outputs in one place (issue 17): a social post made offline in the page puts its image in the Library under
 * "Generated" with the job that made it, and History shows that job's output as a library thumbnail — in zh-TW,
 * zh-CN and en, with no text shown as its raw key.
 */
const UI_TIMEOUT = 30_000;
const JOB_TIMEOUT = 90_000;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
const missing: string[] = [];

function byTestId(id: string) {
  return page.getByTestId(id);
}

/** Keys of the texts this feature added, shown as themselves (a missing text falls back to its key). */
async function rawKeysOn(testId: string): Promise<string[]> {
  const text = await byTestId(testId).innerText();
  return text.match(/\b(outputs|library|history|common)\.[a-zA-Z]+(\.[\w]+)*/g) ?? [];
}

const EXPECTED = {
  en: { generated: 'Generated', madeBy: 'Made by', history: 'Open History' },
  'zh-TW': { generated: '生成', madeBy: '產生自', history: '開啟歷史紀錄' },
  'zh-CN': { generated: '生成', madeBy: '生成自', history: '打开历史记录' },
} as const;

describe('outputs in one place, in Chromium through `kingjam serve`', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startStudioServer(), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
    page.on('response', (r) => {
      if (r.status() >= 400) missing.push(`${r.status()} ${r.url().replace(server.origin, '')}`);
    });
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
  });

  it('a social post made offline: its image is a Generated library item with its source, and History shows it', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('language-quick').selectOption('en');
    await page.locator('body').focus();
    await page.keyboard.press('Control+Shift+S');
    await byTestId('page-social').waitFor();
    await byTestId('social-topic').fill('Lantern festival in Pingxi');
    await expect.poll(() => byTestId('estimate-total').innerText()).toBe('Free');
    await byTestId('social-generate').click();
    await byTestId('social-result').waitFor({ timeout: JOB_TIMEOUT });

    for (const language of ['zh-TW', 'zh-CN', 'en'] as const) {
      const want = EXPECTED[language];
      await byTestId('language-quick').selectOption(language);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);

      await page.locator('body').focus();
      await page.keyboard.press('Control+2');
      await byTestId('page-library').waitFor();
      await byTestId('origin-generated').click();
      expect(await byTestId('origin-generated').innerText()).toBe(want.generated);
      const card = page.locator('[data-testid="asset-card"][data-origin="generated"]');
      await expect.poll(() => card.count(), { timeout: UI_TIMEOUT }).toBe(1);
      // Only generated items are listed under Generated.
      expect(await page.locator('[data-testid="asset-card"]:not([data-origin="generated"])').count()).toBe(0);
      await card.first().click();
      await byTestId('asset-source-job').waitFor();
      expect(await byTestId('asset-source-job').innerText()).toContain(want.madeBy);
      expect(await byTestId('asset-source-history').innerText()).toBe(want.history);
      expect(await byTestId('asset-source-project').count()).toBe(1);
      expect(await rawKeysOn('page-library')).toEqual([]);
      await saveScreenshot(page, `outputs-library-${language}`);

      await byTestId('asset-source-history').click();
      await byTestId('page-history').waitFor();
      const row = page.locator('[data-testid="history-row"][data-kind="generate.social"]');
      await row.first().waitFor();
      const output = row.first().getByTestId('history-output');
      await expect.poll(() => output.count(), { timeout: UI_TIMEOUT }).toBe(1);
      await expect.poll(() => output.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: UI_TIMEOUT }).toBe(true);
      expect(await rawKeysOn('page-history')).toEqual([]);
      await saveScreenshot(page, `outputs-history-${language}`);

      // The thumbnail opens the item in the Library.
      await output.click();
      await byTestId('page-library').waitFor();
      await byTestId('asset-detail').waitFor();
    }
    // The output's probe is not announced as an import of the user's.
    expect(await page.getByText('was imported').count()).toBe(0);
    expect(await page.locator('[data-testid="history-row"][data-kind="media.probe"]').first().innerText()).toContain('Add output');
    // No library or media request failed; scripts threw nothing and broke no policy (as the other suites check).
    expect(missing.filter((m) => /\/(api|media)\//.test(m))).toEqual([]);
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  }, 240_000);
});
