import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetView, ImportOutcome } from '../src/shared/library.js';
import { bridgeCall } from './support/bridge.js';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { writePng } from './support/media.js';
import { startStudioServer, type StudioServer } from './support/server.js';

/**
 * Library items picked as inputs (issue 17): in the social form a picture from the Library becomes the post's
 * image (the finished post's input row names it), and in the photo studio a Library picture becomes the
 * tool's uploaded photo (its row in the upload list names it) — in Chromium through `kingjam serve`.
 */
const UI_TIMEOUT = 30_000;
const JOB_TIMEOUT = 90_000;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

function byTestId(id: string) {
  return page.getByTestId(id);
}

/** A picture imported into the studio's library through the bridge, once its probe made it ready. */
async function libraryPicture(name: string, width: number, height: number): Promise<AssetView> {
  const file = path.join(server.home, name);
  await writePng(file, width, height);
  const [outcome] = await bridgeCall<ImportOutcome[]>(server, 'library.import', { paths: [file] });
  const id = outcome!.assetId!;
  await expect.poll(async () => (await bridgeCall<AssetView>(server, 'library.get', { id })).status, { timeout: UI_TIMEOUT }).toBe('ready');
  return bridgeCall<AssetView>(server, 'library.get', { id });
}

describe('picking a Library item as an input, in Chromium through `kingjam serve`', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startStudioServer(), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
  });

  it('the social form: a Library picture is the post image, and the finished post names it', async () => {
    const picture = await libraryPicture('harbour-sunset.png', 900, 900);
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('language-quick').selectOption('en');
    await page.locator('body').focus();
    await page.keyboard.press('Control+Shift+S');
    await byTestId('page-social').waitFor();
    await byTestId('social-topic').fill('Sunset at the harbour');

    await byTestId('social-image-pick-open').click();
    const item = page.locator(`[data-testid="social-image-pick-grid-item"][data-asset-id="${picture.id}"]`);
    await item.click();
    await expect.poll(() => byTestId('social-image-pick-chosen').innerText()).toBe('From the Library: harbour-sunset.png');
    expect(await byTestId('social-image-pick-chosen').getAttribute('data-asset-id')).toBe(picture.id);
    // The picked picture is not made, so the post costs nothing for its image.
    await expect.poll(() => byTestId('estimate-total').innerText()).toBe('Free');
    await saveScreenshot(page, 'library-pick-social-form');

    await byTestId('social-generate').click();
    await byTestId('social-result').waitFor({ timeout: JOB_TIMEOUT });
    const row = byTestId('social-input-image');
    await expect.poll(() => row.innerText(), { timeout: UI_TIMEOUT }).toBe('From the Library: harbour-sunset.png');
    expect(await row.getAttribute('data-asset-id')).toBe(picture.id);
    await byTestId('social-image').waitFor();
    await saveScreenshot(page, 'library-pick-social-result');
  }, 180_000);

  it('the photo studio: a Library picture becomes the repair photo, and its upload row names it', async () => {
    const picture = await libraryPicture('grandparents-1962.png', 900, 1200);
    await page.locator('body').focus();
    await page.keyboard.press('Control+Shift+H');
    await byTestId('page-photo').waitFor();
    await byTestId('photo-tab-repair').click();
    await byTestId('photo-repair').waitFor();
    const upload = 'photo-repair-upload';
    await byTestId(`${upload}-library-open`).click();
    await page.locator(`[data-testid="${upload}-library-grid-item"][data-asset-id="${picture.id}"]`).click();
    // The row of the tool's input photo: named after the Library item, its check finished.
    const row = byTestId(`${upload}-item`);
    await expect.poll(() => row.count(), { timeout: JOB_TIMEOUT }).toBe(1);
    expect(await row.locator('.photo-upload__name').innerText()).toBe('grandparents-1962.png');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: JOB_TIMEOUT }).not.toBe('checking');
    await saveScreenshot(page, 'library-pick-photo');
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  }, 180_000);
});
