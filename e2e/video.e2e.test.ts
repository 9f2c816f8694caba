import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { writePng } from './support/media.js';
import { startStudioServer, type StudioServer } from './support/server.js';

const UI_TIMEOUT = 30_000;
/** Two scenes of 1.25 s with a 0.5 s dissolve: the video lasts 2.5 s. */
const TOTAL_SECONDS = 2.5;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let fixtures: string;

function screenshot(name: string): Promise<void> {
  return saveScreenshot(page, name);
}

function byTestId(id: string) {
  return page.getByTestId(id);
}

async function writeTimeline(name: string, timeline: unknown): Promise<string> {
  const file = path.join(fixtures, name);
  await writeFile(file, JSON.stringify(timeline, null, 2));
  return file;
}

async function openTimeline(file: string): Promise<void> {
  await byTestId('video-path').fill(file);
  await byTestId('video-open').click();
}

describe('the Video page in Chromium through `kingjam serve`', () => {
  let good: string;
  let missing: string;
  let invalid: string;
  let emoji: string;
  let long: string;

  beforeAll(async () => {
    fixtures = await mkdtemp(path.join(tmpdir(), 'kingjam-e2e-video-'));
    await writePng(path.join(fixtures, 'dinner.png'), 360, 640);
    await writePng(path.join(fixtures, 'fireworks.png'), 480, 480);
    const base = { version: 1, aspect: '9:16', height: 320, fps: 24, quality: 'draft' };
    good = await writeTimeline('new-year.json', {
      ...base,
      scenes: [
        { image: 'dinner.png', duration: 1.25, motion: 'zoom-in', caption: '團圓飯' },
        { image: 'fireworks.png', duration: 1.25, caption: 'Happy New Year' },
      ],
      transition: { type: 'dissolve', duration: 0.5 },
    });
    missing = await writeTimeline('missing-scene.json', {
      ...base,
      scenes: [
        { image: 'dinner.png', duration: 1 },
        { image: 'not-there.png', duration: 1 },
      ],
    });
    // Emoji render (bundled Noto Emoji); an Egyptian hieroglyph is in none of the caption fonts.
    emoji = await writeTimeline('emoji.json', {
      ...base,
      scenes: [{ image: 'dinner.png', duration: 1, caption: '新年快樂🧧𓀀' }],
    });
    long = await writeTimeline('long.json', {
      ...base,
      quality: 'high',
      scenes: [{ image: 'fireworks.png', duration: 300, motion: 'zoom-in', caption: '煙火' }],
    });
    invalid = await writeTimeline('invalid.json', { ...base, scenes: [{ image: 'dinner.png', duration: 0 }] });

    [server, browser] = await Promise.all([startStudioServer({ KINGJAM_VIDEO_ENCODER: 'libx264', KINGJAM_ALLOW_DIRS: fixtures }), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    if (fixtures) await rm(fixtures, { recursive: true, force: true });
  });

  it('opens the Video page with Ctrl+5, after Library in the sidebar, with an empty state', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('language-quick').selectOption('en');
    await expect.poll(() => byTestId('nav-video').innerText()).toContain('Video');
    const order = await page.locator('.sidebar__nav [data-testid^="nav-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    expect(order.indexOf('nav-video')).toBe(order.indexOf('nav-library') + 1);
    await page.locator('body').focus();
    await page.keyboard.press('Control+5');
    await byTestId('page-video').waitFor();
    await byTestId('video-empty').waitFor();
    expect(await byTestId('video-path-hint').innerText()).toContain('staging folder');
  });

  it('opens a timeline by path: summary and a filmstrip whose thumbnails load', async () => {
    await openTimeline(good);
    await byTestId('video-timeline').waitFor();
    expect(await byTestId('video-summary-aspect').innerText()).toBe('9:16');
    expect(await byTestId('video-summary-size').innerText()).toBe('180 × 320');
    expect(await byTestId('video-summary-total').innerText()).toContain('2.5 s');
    expect(await byTestId('video-summary-transition').innerText()).toContain('Dissolve');
    const cards = byTestId('scene-card');
    expect(await cards.count()).toBe(2);
    expect(await cards.nth(0).getByTestId('scene-caption').innerText()).toBe('團圓飯');
    const thumbs = byTestId('scene-thumb');
    await expect.poll(() => thumbs.count(), { timeout: 60_000 }).toBe(2);
    for (const i of [0, 1]) {
      await expect
        .poll(() => thumbs.nth(i).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: UI_TIMEOUT })
        .toBe(true);
    }
    expect(await byTestId('quality-draft').getAttribute('aria-pressed')).toBe('true');
  });

  it('shows the estimate, renders with a progress bar and plays the result', async () => {
    await byTestId('render-start').click();
    await byTestId('render-estimate').waitFor();
    expect(await byTestId('estimate-duration').innerText()).toContain('2.5 s');
    expect(await byTestId('estimate-size').innerText()).toContain('180 × 320');
    await byTestId('render-confirm').click();
    await byTestId('render-progress').waitFor();

    // Elsewhere in the app, a toast says when the render is done.
    await page.keyboard.press('Control+2');
    await byTestId('page-library').waitFor();
    await byTestId('toast-success').filter({ hasText: 'new-year.json' }).waitFor({ timeout: 90_000 });
    await page.keyboard.press('Control+5');
    await byTestId('page-video').waitFor();
    await expect
      .poll(() => byTestId('render-progress').getAttribute('data-status'), { timeout: 90_000, interval: 250 })
      .toBe('succeeded');
    expect(await byTestId('render-progress-bar').getAttribute('aria-valuenow')).toBe('100');

    const video = byTestId('render-video');
    await video.waitFor();
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: UI_TIMEOUT })
      .toBeGreaterThanOrEqual(1);
    const duration = await video.evaluate((v: HTMLVideoElement) => v.duration);
    expect(Math.abs(duration - TOTAL_SECONDS)).toBeLessThan(0.15);
    expect(await video.getAttribute('poster')).toContain('/media/outputs/');
    expect(await byTestId('render-srt-link').innerText()).toMatch(/\.srt$/);
    expect(await byTestId('render-poster-link').innerText()).toMatch(/\.jpg$/);

    // The subtitles file is served from the library.
    const srtUrl = await byTestId('render-srt-link').getAttribute('href');
    // The link carries no token (the page's media cookie opens it); from here, the header does.
    const srt = await (await fetch(srtUrl!, { headers: { Authorization: `Bearer ${server.token}` } })).text();
    expect(srt).toContain('團圓飯');
    await screenshot('video');

    // A reload comes back to the same timeline and its render.
    await page.reload();
    await byTestId('page-video').waitFor();
    await byTestId('render-video').waitFor();
    expect(await byTestId('video-path').inputValue()).toBe(good);
  });

  it('shows why a render failed: the caption glyph the font lacks', async () => {
    await openTimeline(emoji);
    await byTestId('scene-thumb').waitFor({ timeout: 60_000 });
    await byTestId('render-start').click();
    await byTestId('render-confirm').click();
    await expect
      .poll(() => byTestId('render-progress').getAttribute('data-status'), { timeout: 90_000, interval: 250 })
      .toBe('failed');
    const error = byTestId('render-error');
    expect(await error.getAttribute('data-code')).toBe('GLYPH_MISSING');
    expect(await byTestId('render-error-message').innerText()).toMatch(/𓀀|U\+13000/i);
    await byTestId('render-error-hint').waitFor();
    // Shown in place: no error toast on top of it.
    expect(await byTestId('toast-error').count()).toBe(0);
    await screenshot('video-render-failed');
  });

  it('cancels a render in progress, after asking', async () => {
    await openTimeline(long);
    await byTestId('scene-thumb').waitFor({ timeout: 60_000 });
    await byTestId('quality-high').waitFor();
    await byTestId('render-start').click();
    await byTestId('render-confirm').click();
    await expect
      .poll(() => byTestId('render-progress').getAttribute('data-status'), { timeout: 60_000, interval: 100 })
      .toBe('running');
    // Canceling asks first; "keep it running" keeps it running.
    await byTestId('render-cancel').click();
    await byTestId('confirm-dialog').waitFor();
    await byTestId('confirm-cancel').click();
    await byTestId('confirm-dialog').waitFor({ state: 'detached' });
    expect(await byTestId('render-progress').getAttribute('data-status')).toBe('running');
    await byTestId('render-cancel').click();
    await byTestId('confirm-ok').click();
    await expect
      .poll(() => byTestId('render-progress').getAttribute('data-status'), { timeout: 30_000, interval: 100 })
      .toBe('canceled');
    expect(await byTestId('render-video').count()).toBe(0);
    expect(await byTestId('render-start').isEnabled()).toBe(true);
  });

  it('marks a scene whose file is missing and will not render it', async () => {
    await openTimeline(missing);
    await page.locator('[data-testid="scene-card"][data-missing="true"]').waitFor();
    const marker = byTestId('scene-missing');
    expect(await marker.count()).toBe(1);
    expect(await marker.innerText()).toContain('not-there.png');
    expect(await byTestId('render-start').isDisabled()).toBe(true);
    await screenshot('video-missing-scene');
  });

  it('opens a timeline chosen with the file picker (staged, so its relative scenes are not found)', async () => {
    await byTestId('video-file-input').setInputFiles(good);
    await expect.poll(() => byTestId('video-path').inputValue()).not.toBe(good);
    await byTestId('video-timeline').waitFor();
    await expect.poll(() => page.locator('[data-testid="scene-card"][data-missing="true"]').count()).toBe(2);
    expect(await byTestId('render-blocked').isVisible()).toBe(true);
  });

  it('names the field of an invalid timeline', async () => {
    await openTimeline(invalid);
    await byTestId('video-open-error').waitFor();
    expect(await byTestId('video-open-error').getAttribute('data-code')).toBe('TIMELINE_INVALID');
    expect(await byTestId('video-open-error-message').innerText()).toContain('scenes.0.duration');
    expect(await byTestId('video-open-error-field').innerText()).toContain('scenes.0.duration');
  });

  it('refuses /dev/zero and a FIFO at once instead of hanging, and a file outside the allowed folders', async () => {
    const fifo = path.join(fixtures, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const outside = await mkdtemp(path.join(tmpdir(), 'kingjam-e2e-outside-'));
    await writeFile(path.join(outside, 'tl.json'), '{}');
    for (const [file, code] of [['/dev/zero', 'FORBIDDEN'], [fifo, 'UNSUPPORTED_TYPE'], [path.join(outside, 'tl.json'), 'FORBIDDEN']] as const) {
      await openTimeline(file);
      await expect.poll(() => byTestId('video-open-error').getAttribute('data-code'), { timeout: 5_000 }).toBe(code);
    }
    await rm(outside, { recursive: true, force: true });
  });

  it('had no CSP violations or uncaught errors', () => {
    const relevant = pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e));
    expect(relevant).toEqual([]);
  });
});
