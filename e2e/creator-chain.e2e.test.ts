import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { bridgeCall, importReadyImages, startStudioServer, type StudioServer } from './support/server.js';
import { flatStyle } from '../test/style/fixtures.js';

/**
 * The Creator Hub chained, as issue 16 asks, in Chromium through `kingjam
 * serve` on the offline backends with no model keys: keywords become a
 * character; a style is extracted from four library images and locked; the
 * character takes the style with its page's picker (and loses and regains it
 * as the style is unlocked and locked) and a reference picture; a 3D model is made from
 * the character's page, its checks shown and the problems coloured in the
 * preview; it is prepared and the production pack downloaded.
 */
const UI_TIMEOUT = 30_000;
const WORK_TIMEOUT = 120_000;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let sample: string;

const byTestId = (id: string) => page.getByTestId(id);

const apiCall = <T>(name: string, body: unknown): Promise<T> => bridgeCall<T>(server, name, body);

/** A figure on a transparent background (head, body, arms), so the offline relief has a silhouette and overhangs. */
async function samplePicture(dir: string): Promise<string> {
  const file = path.join(dir, 'hero.png');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="400">
    <circle cx="160" cy="90" r="62" fill="#f4a261"/>
    <rect x="100" y="150" width="120" height="170" rx="40" fill="#2a9d8f"/>
    <rect x="40" y="170" width="60" height="26" rx="12" fill="#2a9d8f"/>
    <rect x="220" y="170" width="60" height="26" rx="12" fill="#2a9d8f"/>
    <rect x="110" y="310" width="38" height="80" rx="14" fill="#264653"/>
    <rect x="172" y="310" width="38" height="80" rx="14" fill="#264653"/>
  </svg>`;
  await sharp({ create: { width: 320, height: 400, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).composite([{ input: Buffer.from(svg) }]).png().toFile(file);
  return file;
}

describe('the Creator Hub chained in Chromium', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startStudioServer({ GEMINI_API_KEY: '', REPLICATE_API_TOKEN: '' }), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
    const dir = path.join(server.home, 'chain-refs');
    await mkdir(dir, { recursive: true });
    sample = await samplePicture(dir);
    const files = await Promise.all([1, 2, 3, 4].map((s) => flatStyle(dir, `book-${s}.png`, s)));
    await importReadyImages(server, files, WORK_TIMEOUT);
  }, WORK_TIMEOUT + 60_000);

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
  });

  it('keywords → character → a style locked from four images → 3D model → checks in the preview → production pack', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('language-quick').selectOption('en');

    // 1. A character from keywords, written offline.
    await byTestId('nav-characters').click();
    await byTestId('characters-page').waitFor();
    await byTestId('character-new').click();
    await byTestId('character-keywords').fill('lantern, cat');
    await byTestId('character-language').selectOption('en');
    await byTestId('character-write').click();
    await expect.poll(() => byTestId('character-concept').count(), { timeout: UI_TIMEOUT }).toBe(3);
    const name = (await byTestId('character-concept-name').first().textContent())!;
    await byTestId('character-pick').first().click();
    await byTestId('character-save').click();
    await byTestId('character-detail').waitFor();
    expect(await byTestId('character-title').textContent()).toBe(name);
    const characterId = (await byTestId('character-detail').getAttribute('data-id'))!;

    // 2. A style from four library images, extracted and locked on its page.
    await byTestId('nav-styles').click();
    await byTestId('style-create').waitFor();
    await byTestId('style-name').fill('Picture book');
    const items = byTestId('style-refs-item');
    await expect.poll(() => items.count(), { timeout: UI_TIMEOUT }).toBe(4);
    for (let i = 0; i < 4; i++) await items.nth(i).click();
    await byTestId('style-extract').click();
    await page.locator('[data-testid="style-detail"][data-status="ready"]').waitFor({ timeout: WORK_TIMEOUT });
    await byTestId('style-lock').click();
    await page.locator('[data-testid="style-detail"][data-locked="true"]').waitFor({ timeout: UI_TIMEOUT });
    const [style] = await apiCall<{ id: string; locked: boolean }[]>('style.list', {});
    expect(style).toMatchObject({ locked: true });

    // 3. The character takes the locked style with its page's picker, and a reference picture.
    await byTestId('nav-characters').click();
    const card = page.locator(`[data-testid="character-card"][data-id="${characterId}"]`);
    if (await card.isVisible()) await card.click();
    await byTestId('character-detail').waitFor();
    const picker = byTestId('character-style-select');
    const option = picker.locator(`option[value="${style!.id}"]`);
    await expect.poll(() => option.count(), { timeout: UI_TIMEOUT }).toBe(1);
    expect(await option.getAttribute('data-blocked')).toBe('');
    await picker.selectOption(style!.id);
    await expect.poll(() => byTestId('character-style').innerText(), { timeout: UI_TIMEOUT }).toBe('Picture book');
    await expect.poll(async () => (await apiCall<{ styleId: string | null }>('character.get', { id: characterId })).styleId, { timeout: UI_TIMEOUT }).toBe(style!.id);
    // The swatches are the style's measured palette.
    const palette = (await apiCall<{ features: { palette: { hex: string }[] } }>('style.get', { id: style!.id })).features.palette.map((c) => c.hex);
    const swatches = await byTestId('character-style-swatch').evaluateAll((els) => els.map((e) => e.getAttribute('data-hex')));
    expect(swatches.length).toBeGreaterThan(0);
    expect(swatches).toEqual(palette.slice(0, swatches.length));

    // Styles change under the open page (style.updated): unlocked, the link says so; unlinked, the style cannot be chosen until it is locked again.
    await apiCall('style.unlock', { id: style!.id });
    await expect.poll(() => byTestId('character-style-link').getAttribute('data-problem'), { timeout: UI_TIMEOUT }).toBe('unlocked');
    await picker.selectOption('');
    await expect.poll(() => byTestId('character-style').innerText(), { timeout: UI_TIMEOUT }).toBe('No style linked');
    await expect.poll(() => option.getAttribute('data-blocked'), { timeout: UI_TIMEOUT }).toBe('unlocked');
    expect(await option.isDisabled()).toBe(true);
    await apiCall('style.lock', { id: style!.id });
    await expect.poll(() => option.isDisabled(), { timeout: UI_TIMEOUT }).toBe(false);
    await picker.selectOption(style!.id);
    await expect.poll(() => byTestId('character-style').innerText(), { timeout: UI_TIMEOUT }).toBe('Picture book');
    await expect.poll(() => byTestId('character-style-link').getAttribute('data-problem')).toBe('');
    expect((await apiCall<{ styleId: string | null }>('character.get', { id: characterId })).styleId).toBe(style!.id);
    await saveScreenshot(page, 'creator-chain-style-link');

    const reference = path.join(server.home, 'hero-reference.png');
    await copyFile(sample, reference);
    await apiCall('character.addReferenceFiles', { id: characterId, paths: [reference] });
    await expect.poll(() => byTestId('character-ref').count(), { timeout: UI_TIMEOUT }).toBe(1);

    // 4. A 3D model from the character's page, checked, the problems coloured on the preview.
    await byTestId('character-make-3d').click();
    await byTestId('page-builder3d').waitFor();
    await expect.poll(() => byTestId('mesh-make-character').innerText()).toContain(name);
    await byTestId('mesh-make-start').click();
    const candidate = byTestId('mesh-candidate-offline');
    await expect.poll(() => candidate.getAttribute('data-status'), { timeout: WORK_TIMEOUT, interval: 500 }).toBe('checked');
    expect(Number(await candidate.getAttribute('data-score'))).toBeGreaterThan(0);
    expect((await byTestId('mesh-report-offline-watertight').innerText()).toLowerCase()).toContain('yes');
    const preview = byTestId('mesh-preview');
    await expect.poll(() => preview.getAttribute('data-loaded'), { timeout: UI_TIMEOUT }).toBe('true');
    expect(Number(await preview.getAttribute('data-problem-triangles'))).toBeGreaterThan(0);
    expect(await byTestId('mesh-preview-legend').locator('li[data-present="true"]').count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'creator-chain-preview');

    // 5. Prepared and the production pack downloaded: model files and the spec sheet.
    await byTestId('mesh-prepare-start').click();
    await expect.poll(() => byTestId('mesh-prepared').getAttribute('data-status'), { timeout: WORK_TIMEOUT, interval: 500 }).not.toBe('running');
    expect(await byTestId('mesh-prepared').getAttribute('data-status'), await byTestId('mesh-prepared').innerText()).toBe('succeeded');
    await byTestId('mesh-pack-factories').fill('Taichung Models, service@example.com');
    await byTestId('mesh-pack-start').click();
    await byTestId('mesh-pack-download').waitFor({ timeout: WORK_TIMEOUT });
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId('mesh-pack-download').click()]);
    const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const names = Object.keys(zip);
    for (const ext of ['.stl', '.3mf', '.pdf']) expect(names.some((n) => n.endsWith(ext)), `${ext} in ${names.join(', ')}`).toBe(true);
    expect(Buffer.from(zip[names.find((n) => n.endsWith('.pdf'))!]!.subarray(0, 5)).toString()).toBe('%PDF-');

    // The character lists the model it led to.
    await byTestId('nav-characters').click();
    await byTestId('character-detail').waitFor();
    await expect.poll(() => byTestId('character-model').count(), { timeout: UI_TIMEOUT }).toBe(1);
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  }, 4 * WORK_TIMEOUT);
});
