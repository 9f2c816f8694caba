import { copyFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { bridgeCall, startStudioServer, type StudioServer } from './support/server.js';
import { chineseWithoutFallback } from './support/visible-text.js';

/**
 * The 3D builder (3D 建模) in Chromium through `kingjam serve`, from a fresh
 * data folder: its labels render in zh-TW, zh-CN and en; then, in zh-TW, a
 * model is made from a sample character picture on the offline backend, its
 * check numbers show, the live preview (WebGL on SwiftShader) draws the
 * model with its problem triangles coloured, it is prepared for printing and
 * the production pack downloads as a ZIP with the print files and the PDF.
 */

const UI_TIMEOUT = 30_000;
/** The offline relief, its check, preparation and pack, on a shared 2-core machine. */
const WORK_TIMEOUT = 240_000;
const LANGUAGES = ['zh-TW', 'zh-CN', 'en'] as const;
const TITLES = { 'zh-TW': '3D 建模', 'zh-CN': '3D 建模', en: '3D builder' } as const;
const MAKE_LABELS = { 'zh-TW': '製作候選', 'zh-CN': '制作候选', en: 'Make the candidates' } as const;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let sample: string;

const byTestId = (id: string) => page.getByTestId(id);

const apiCall = <T>(name: string, body: unknown): Promise<T> => bridgeCall<T>(server, name, body);

function untranslated(text: string): string[] {
  return text.match(/\b(?:msg\.)?mesh\.[a-zA-Z][\w.-]*/g) ?? [];
}

/** A character-like figure on a transparent background: head, body and arms, so the relief has overhangs. */
async function samplePicture(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kingjam-3d-e2e-'));
  const file = path.join(dir, 'hero.png');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="400">
    <circle cx="160" cy="90" r="62" fill="#f2c6a0"/>
    <rect x="100" y="150" width="120" height="170" rx="40" fill="#3d5a80"/>
    <rect x="40" y="170" width="60" height="26" rx="12" fill="#3d5a80"/>
    <rect x="220" y="170" width="60" height="26" rx="12" fill="#3d5a80"/>
    <rect x="110" y="310" width="38" height="80" rx="14" fill="#293241"/>
    <rect x="172" y="310" width="38" height="80" rx="14" fill="#293241"/>
  </svg>`;
  await sharp({ create: { width: 320, height: 400, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toFile(file);
  return file;
}

/** Pixels of the preview that are clearly coloured (the overlay), not the grey model, bed or background. */
async function colouredPixels(): Promise<number> {
  const png = await byTestId('mesh-preview-canvas').screenshot();
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 90) n += 1;
  }
  return n;
}

describe('the 3D builder in Chromium', () => {
  beforeAll(async () => {
    sample = await samplePicture();
    [server, browser] = await Promise.all([startStudioServer({ REPLICATE_API_TOKEN: '', MESHY_API_KEY: '' }), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT, height: 1400 }));
    // A missing file names itself (the console's 404 line does not say which).
    page.on('response', (r) => {
      if (r.status() >= 400) pageErrors.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
  });

  it('renders its labels in zh-TW, zh-CN and en', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    for (const language of LANGUAGES) {
      await byTestId('language-quick').selectOption(language);
      await byTestId('nav-builder3d').click();
      await byTestId('page-builder3d').waitFor();
      await byTestId('mesh-backend-offline-cloud').waitFor();
      const text = await byTestId('page-builder3d').innerText();
      expect(untranslated(text), language).toEqual([]);
      expect(text).toContain(TITLES[language]);
      expect(await byTestId('mesh-make-start').innerText()).toBe(MAKE_LABELS[language]);
      await saveScreenshot(page, `builder3d-${language}`);
    }
  });

  it('makes a model offline, shows its checks and coloured problems, prepares it and downloads the production pack (zh-TW)', async () => {
    await byTestId('language-quick').selectOption('zh-TW');
    await byTestId('mesh-image-upload').setInputFiles(sample);
    await expect.poll(() => byTestId('mesh-make').innerText()).toContain('hero.png');
    // Offline is chosen by default and free; the paid sources without keys are disabled with what makes them usable.
    await expect.poll(() => byTestId('mesh-estimate-total').innerText()).toBe('不花點數');
    expect(await byTestId('mesh-backend-hunyuan3d-own').getAttribute('data-usable')).toBe('false');
    expect(await byTestId('mesh-backend-cost-trellis-own').innerText()).toBe('由你的供應商計費');
    // The app shell's first load logs one 404 of its own (not a request of this page's); from here on nothing may fail.
    const errorsBefore = pageErrors.length;
    await byTestId('mesh-make-start').click();

    const card = byTestId('mesh-candidate-offline');
    await expect.poll(() => card.getAttribute('data-status'), { timeout: WORK_TIMEOUT, interval: 500 }).toBe('checked');
    expect(Number(await card.getAttribute('data-score'))).toBeGreaterThan(0);
    await byTestId('mesh-candidate-best').waitFor();
    for (const row of ['watertight', 'boundaryEdges', 'nonManifoldEdges', 'selfIntersections', 'degenerateTriangles', 'triangles', 'size', 'thinnestWall', 'overhang', 'volume']) {
      expect((await byTestId(`mesh-report-offline-${row}`).innerText()).trim(), row).not.toBe('');
    }
    // The offline relief is closed: watertight says 是.
    expect(await byTestId('mesh-report-offline-watertight').innerText()).toContain('是');

    const preview = byTestId('mesh-preview');
    await expect.poll(() => preview.getAttribute('data-loaded'), { timeout: UI_TIMEOUT }).toBe('true');
    expect(Number(await preview.getAttribute('data-model-triangles'))).toBeGreaterThan(100);
    const problemTriangles = Number(await preview.getAttribute('data-problem-triangles'));
    expect(problemTriangles).toBeGreaterThan(0);
    // The largest side on the bed is the print size (120 mm).
    const size = (await preview.getAttribute('data-size-mm'))!.split('x').map(Number);
    expect(Math.max(...size)).toBeCloseTo(120, 0);
    await page.waitForTimeout(500);
    const withProblems = await colouredPixels();
    await byTestId('mesh-preview-problems').uncheck();
    await page.waitForTimeout(500);
    const without = await colouredPixels();
    expect(withProblems, `coloured pixels with the overlay ${withProblems}, without ${without}`).toBeGreaterThan(without + 50);
    await byTestId('mesh-preview-problems').check();
    // The legend names each kind the report found.
    const present = await byTestId('mesh-preview-legend').locator('li[data-present="true"]').count();
    expect(present).toBeGreaterThan(0);
    await saveScreenshot(page, 'builder3d-preview');
    // Turning: where the full level is slow to draw (SwiftShader here), motion switches to the coarse
    // level and the page says so, with its triangle count; a renderer that keeps up shows no note.
    await byTestId('mesh-preview-turntable').check();
    await expect.poll(() => preview.getAttribute('data-turntable')).toBe('true');
    const switched = await expect
      .poll(() => preview.getAttribute('data-motion-detail'), { timeout: 5_000 })
      .toBe('coarse')
      .then(() => true, () => false);
    const note = byTestId('mesh-preview-coarse-note');
    if (switched) {
      const coarse = Number(await preview.getAttribute('data-coarse-triangles'));
      expect(coarse).toBeGreaterThan(0);
      expect(await note.innerText()).toContain(`旋轉時顯示 ${coarse.toLocaleString('en')} 個三角形的簡化版`);
      await saveScreenshot(page, 'builder3d-preview-coarse');
    } else expect(await note.count()).toBe(0);
    await byTestId('mesh-preview-turntable').uncheck();
    // The model's list item (a button) shows its score in Chinese in a face that has it.
    await expect.poll(() => byTestId('mesh-model-item').first().innerText()).toContain('分數');
    expect(await chineseWithoutFallback(page)).toEqual([]);

    await byTestId('mesh-prepare-base').check();
    await byTestId('mesh-prepare-start').click();
    await expect.poll(() => byTestId('mesh-prepared').getAttribute('data-status'), { timeout: WORK_TIMEOUT, interval: 500 }).not.toBe('running');
    expect(await byTestId('mesh-prepared').getAttribute('data-status'), await byTestId('mesh-prepared').innerText()).toBe('succeeded');
    for (const format of ['stl', '3mf', 'glb']) await byTestId(`mesh-prepared-file-${format}`).waitFor();

    await byTestId('mesh-pack-factories').fill('台中模型廠, service@example.com');
    expect(await byTestId('mesh-pack-language').inputValue()).toBe('zh-TW');
    await byTestId('mesh-pack-start').click();
    await byTestId('mesh-pack-download').waitFor({ timeout: WORK_TIMEOUT });
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId('mesh-pack-download').click()]);
    const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const names = Object.keys(zip);
    expect(names.some((n) => n.endsWith('.stl'))).toBe(true);
    expect(names.some((n) => n.endsWith('.3mf'))).toBe(true);
    expect(names.some((n) => n.endsWith('.pdf'))).toBe(true);
    const pdf = names.find((n) => n.endsWith('.pdf'))!;
    expect(Buffer.from(zip[pdf]!.subarray(0, 5)).toString()).toBe('%PDF-');

    await byTestId('mesh-quote-factory').fill('台中模型廠');
    await byTestId('mesh-quote-unitPrice').fill('380');
    await byTestId('mesh-quote-moq').fill('100');
    await byTestId('mesh-quote-leadDays').fill('21');
    await byTestId('mesh-quote-add').click();
    await expect.poll(() => byTestId('mesh-quote-row').first().innerText()).toContain('NT$ 380');
    expect(pageErrors.slice(errorsBefore), pageErrors.join('\n')).toEqual([]);
  }, 3 * WORK_TIMEOUT);

  it("opens from a character's page with its reference picture and name, and lists the model on the character (en)", async () => {
    const reference = path.join(server.home, 'hero-reference.png');
    await copyFile(sample, reference);
    const character = await apiCall<{ id: string }>('character.create', { name: 'Lantern Cat', language: 'en' });
    await apiCall('character.addReferenceFiles', { id: character.id, paths: [reference] });
    await byTestId('language-quick').selectOption('en');
    await byTestId('nav-characters').click();
    await page.locator(`[data-testid="character-card"][data-id="${character.id}"]`).click();
    await byTestId('character-make-3d').click();
    await byTestId('page-builder3d').waitFor();
    await expect.poll(() => byTestId('mesh-make-character').innerText()).toContain('Lantern Cat');
    expect(await byTestId('mesh-name').inputValue()).toBe('Lantern Cat');
    await byTestId('mesh-make-start').click();
    const card = byTestId('mesh-candidate-offline');
    await expect.poll(() => card.getAttribute('data-status'), { timeout: WORK_TIMEOUT, interval: 500 }).toBe('checked');

    // Back on the characters page, which still shows the character it had open.
    await byTestId('nav-characters').click();
    await byTestId('character-detail').waitFor();
    await expect.poll(() => byTestId('character-model').count(), { timeout: UI_TIMEOUT }).toBe(1);
    expect(await byTestId('character-model').innerText()).toContain('Lantern Cat');
  }, 2 * WORK_TIMEOUT);
});
