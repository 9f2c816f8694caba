import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initializeCanvas, readPsd } from 'ag-psd';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INK_PSD_LAYERS } from '../src/shared/ink/options.js';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';
import { SKETCH, photographedSketch } from '../test/ink/fixtures.js';

/**
 * The 2D studio in Chromium through `kingjam serve`, from a fresh data folder:
 * in zh-TW and in en, a photographed sketch (turned 7°, on shaded paper) is
 * uploaded, cleaned (before/after, the SVG tracing, the skew it undid), and its
 * layered PSD is made and downloaded, then read back with ag-psd.
 */
const UI_TIMEOUT = 30_000;
const WORK_TIMEOUT = 120_000;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let dir: string;

function byTestId(id: string) {
  return page.getByTestId(id);
}

/** Key-looking tokens the page shows as themselves (a text missing from the catalogue). */
function untranslated(text: string): string[] {
  return text.match(/\b(?:msg\.)?ink\.[a-zA-Z][\w.-]*/g) ?? [];
}

describe('the 2D studio in Chromium', () => {
  beforeAll(async () => {
    initializeCanvas(
      () => {
        throw new Error('no canvas in tests');
      },
      (width, height) => ({ width, height, data: new Uint8ClampedArray(width * height * 4), colorSpace: 'srgb' }) as ImageData,
    );
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-ink-e2e-'));
    [server, browser] = await Promise.all([startStudioServer(), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
    await page.goto(server.url);
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [language, skew] of [['zh-TW', 7], ['en', -5]] as const) {
    it(`cleans a sketch and downloads its PSD (${language})`, async () => {
      await byTestId('language-quick').selectOption(language);
      await byTestId('nav-ink').click();
      await byTestId('page-ink').waitFor({ timeout: UI_TIMEOUT });
      expect(untranslated(await byTestId('page-ink').innerText())).toEqual([]);
      const file = path.join(dir, `sketch-${language}.jpg`);
      fs.writeFileSync(file, await photographedSketch(skew));
      await byTestId('ink-upload-input').setInputFiles(file);
      // The upload lands in the library and becomes the chosen sketch (the previous language's stays chosen until then).
      await byTestId('ink-chosen').filter({ hasText: `sketch-${language}.jpg` }).waitFor({ timeout: UI_TIMEOUT });
      await byTestId('ink-thicken').fill('1');
      await byTestId('ink-run').click();
      await page.locator(`[data-testid="ink-result"][data-status="succeeded"][data-name="sketch-${language}.jpg"]`).waitFor({ timeout: WORK_TIMEOUT });
      await expect.poll(async () => byTestId('ink-after').evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: UI_TIMEOUT }).toBe(SKETCH.width);
      await expect.poll(async () => byTestId('ink-svg').evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: UI_TIMEOUT }).toBe(SKETCH.width);
      const angle = Number((await byTestId('ink-angle').innerText()).match(/-?\d+(\.\d+)?/)![0]);
      expect(Math.abs(angle - skew)).toBeLessThanOrEqual(1);
      expect(untranslated(await byTestId('page-ink').innerText())).toEqual([]);

      await byTestId('ink-make-psd').click();
      const link = byTestId('ink-download-psd');
      await link.waitFor({ timeout: WORK_TIMEOUT });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe(`sketch-${language}-layers.psd`);
      const saved = path.join(dir, `downloaded-${language}.psd`);
      await download.saveAs(saved);
      const doc = readPsd(fs.readFileSync(saved), { useImageData: true });
      expect([doc.width, doc.height]).toEqual([SKETCH.width, SKETCH.height]);
      expect(doc.children!.map((l) => l.name).reverse()).toEqual([...INK_PSD_LAYERS]);
      await saveScreenshot(page, `ink-${language}`);
      // Script errors only (as the KOL pages' test): one resource 404 shows up in a fresh data folder, not traced to this page yet.
      expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
    }, WORK_TIMEOUT * 2 + UI_TIMEOUT * 4);
  }
});
