import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { bridgeCall, importReadyImages, startStudioServer, type StudioServer } from './support/server.js';
import { flatStyle, PICTURE_BOOK } from '../test/style/fixtures.js';

/**
 * The Style-Locker in Chromium through `kingjam serve`: four picture-book
 * images in the library, a style extracted from them on the page (zh-TW),
 * its palette shown as swatches, locked, and the same page in en.
 */
const UI_TIMEOUT = 30_000;
const WORK_TIMEOUT = 120_000;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

const apiCall = <T>(name: string, body: unknown): Promise<T> => bridgeCall<T>(server, name, body);

const byTestId = (id: string) => page.getByTestId(id);

describe('the Style-Locker in Chromium', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startStudioServer({ GEMINI_API_KEY: '', REPLICATE_API_TOKEN: '' }), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
    const dir = path.join(server.home, 'style-refs');
    await mkdir(dir, { recursive: true });
    const files = await Promise.all([1, 2, 3, 4].map((s) => flatStyle(dir, `book-${s}.png`, s)));
    await importReadyImages(server, files, WORK_TIMEOUT);
  }, WORK_TIMEOUT + 60_000);

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
  });

  it('locks a style from four images in zh-TW and shows its palette; the same in en', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('language-quick').selectOption('zh-TW');
    await byTestId('nav-styles').click();
    await byTestId('style-create').waitFor();
    await byTestId('style-name').fill('繪本風');
    const items = byTestId('style-refs-item');
    await expect.poll(() => items.count(), { timeout: UI_TIMEOUT }).toBe(4);
    for (let i = 0; i < 4; i++) await items.nth(i).click();
    expect(await byTestId('style-picked').innerText()).toBe('已選 4 張');
    await byTestId('style-extract').click();

    const detail = page.locator('[data-testid="style-detail"][data-status="ready"]');
    await detail.waitFor({ timeout: WORK_TIMEOUT });
    const swatches = byTestId('style-swatch');
    const hexes = await swatches.evaluateAll((els) => els.map((e) => e.getAttribute('data-hex')));
    expect(hexes.length).toBeGreaterThanOrEqual(5);
    // The cream ground of every reference is the first, largest swatch; the fragment was composed in zh-TW.
    expect(hexes[0]).toBe(PICTURE_BOOK[0]);
    expect(await byTestId('style-fragment').inputValue()).toContain('色盤');

    await byTestId('style-lock').click();
    await page.locator('[data-testid="style-detail"][data-locked="true"]').waitFor({ timeout: UI_TIMEOUT });
    expect(await byTestId('style-state').innerText()).toBe('已鎖定');
    expect(await byTestId('style-fragment').isDisabled()).toBe(true);
    await saveScreenshot(page, 'styles-zh-TW');

    await byTestId('language-quick').selectOption('en');
    await expect.poll(() => byTestId('style-state').innerText()).toBe('Locked');
    expect(await page.getByRole('heading', { name: 'Palette' }).count()).toBe(1);
    expect(await swatches.count()).toBe(hexes.length);
    await saveScreenshot(page, 'styles-en');

    const styles = await apiCall<{ locked: boolean; name: string }[]>('style.list', {});
    expect(styles).toMatchObject([{ name: '繪本風', locked: true }]);
    // Uncaught exceptions and CSP refusals; a missing resource (a thumbnail asked for before it was written) is not one.
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  }, WORK_TIMEOUT + 60_000);
});
