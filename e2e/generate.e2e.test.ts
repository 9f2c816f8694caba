import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';

const UI_TIMEOUT = 30_000;
const JOB_TIMEOUT = 60_000;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

function screenshot(name: string): Promise<void> {
  return saveScreenshot(page, name);
}

function byTestId(id: string) {
  return page.getByTestId(id);
}

function imageLoaded(testId: string): Promise<boolean> {
  return byTestId(testId).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
}

describe('the generators in Chromium through `kingjam serve`, with the offline provider', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startStudioServer({ KINGJAM_VIDEO_ENCODER: 'libx264' }), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
  });

  it('writes a blog post: the estimate says free, the article streams in, then the SEO result and the cover', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('language-quick').selectOption('en');
    await expect.poll(() => byTestId('nav-blog').innerText()).toContain('Blog');
    await page.locator('body').focus();
    await page.keyboard.press('Control+Shift+B');
    await byTestId('page-blog').waitFor();
    await byTestId('blog-empty').waitFor();
    await byTestId('blog-past-empty').waitFor();

    await byTestId('blog-topic').fill('Night markets of Taipei');
    await byTestId('blog-keywords').fill('street food, Shilin, travel');
    await byTestId('blog-tone').selectOption('educational');
    await byTestId('blog-language').selectOption('en');
    await byTestId('blog-length').fill('600');
    await expect.poll(() => byTestId('estimate-total').innerText()).toBe('Free');
    await byTestId('blog-cover-standard').click();
    await byTestId('blog-generate').click();

    // The live preview shows the article while it is written (or the result came first on a fast machine).
    await page.locator('[data-testid="blog-live-preview"], [data-testid="blog-result"]').first().waitFor({ timeout: JOB_TIMEOUT });
    await byTestId('blog-result').waitFor({ timeout: JOB_TIMEOUT });
    const titleCount = await byTestId('blog-seo-title-count').innerText();
    const [title, titleMax] = titleCount.split('/').map(Number);
    expect(titleMax).toBe(60);
    expect(title).toBeGreaterThan(4);
    expect(title).toBeLessThanOrEqual(60);
    expect(title).toBe([...(await byTestId('blog-seo-title-value').innerText())].length);
    const [meta, metaMax] = (await byTestId('blog-seo-meta-count').innerText()).split('/').map(Number);
    expect(metaMax).toBe(160);
    expect(meta).toBeLessThanOrEqual(160);
    expect(await byTestId('blog-slug').innerText()).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(await byTestId('blog-outline').locator('li').count()).toBeGreaterThanOrEqual(3);
    await expect.poll(() => imageLoaded('blog-cover-image'), { timeout: UI_TIMEOUT }).toBe(true);
    await byTestId('blog-article').locator('p').first().waitFor();
    expect(await byTestId('blog-md-open').getAttribute('href')).toContain('.md');
    expect(await byTestId('blog-html-download').getAttribute('href')).toContain('.html');
    // "Open" in a browser: a new tab through the media route, with no token in its URL; the cover inside loads (the media cookie).
    const [tab] = await Promise.all([context.waitForEvent('page'), byTestId('blog-html-open').click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toMatch(/\/media\/.*\.html$/);
    expect(tab.url()).not.toContain(server.token);
    const cover = tab.locator('img').first();
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: UI_TIMEOUT }).toBe(true);
    await tab.close();
    expect(await byTestId('past-item').count()).toBe(1);
    await screenshot('generate-blog');
  });

  it('writes a social post: three variants with their counts, one chosen, and the image', async () => {
    await page.keyboard.press('Control+Shift+S');
    await byTestId('page-social').waitFor();
    await byTestId('social-empty').waitFor();
    await byTestId('social-platform').selectOption('threads');
    expect(await byTestId('social-platform-limit').innerText()).toContain('500');
    expect(await byTestId('social-aspect-4:5').getAttribute('aria-pressed')).toBe('true');
    await byTestId('social-topic').fill('Weekend hiking in Yangmingshan');
    await byTestId('social-language').selectOption('zh-TW');
    await expect.poll(() => byTestId('estimate-total').innerText()).toBe('Free');
    await byTestId('social-generate').click();
    await byTestId('social-result').waitFor({ timeout: JOB_TIMEOUT });
    const variants = byTestId('social-variant');
    expect(await variants.count()).toBe(3);
    for (const i of [0, 1, 2]) expect(await variants.nth(i).getByTestId('social-variant-count').innerText()).toMatch(/^\d+ \/ 500/);
    await variants.nth(1).getByTestId('social-choose').click();
    await expect.poll(() => variants.nth(1).getAttribute('data-chosen')).toBe('true');
    await byTestId('toast-success').filter({ hasText: 'Variant 2' }).waitFor();
    await expect.poll(() => imageLoaded('social-image'), { timeout: UI_TIMEOUT }).toBe(true);
    await screenshot('generate-social');
  });

  it('directs a short video: writes 3 scenes, one caption edited, renders, plays; an edit re-renders only that scene', async () => {
    await page.keyboard.press('Control+Shift+D');
    await byTestId('page-director').waitFor();
    await byTestId('director-empty').waitFor();
    await byTestId('director-topic').fill('A cup of oolong tea');
    await byTestId('director-language').selectOption('en');
    await byTestId('director-seconds').fill('10');
    await byTestId('director-scene-count').fill('3');
    await byTestId('director-backend').selectOption('offline');
    await byTestId('director-small').check();
    expect(await byTestId('director-backend-price').innerText()).toBe('free');
    await expect.poll(() => byTestId('estimate-total').innerText()).toBe('Free');
    await byTestId('director-write').click();

    await byTestId('director-script').waitFor({ timeout: JOB_TIMEOUT });
    const scenes = byTestId('director-scene');
    expect(await scenes.count()).toBe(3);
    for (const i of [0, 1, 2]) expect(await scenes.nth(i).getAttribute('data-status')).toBe('pending');
    await scenes.nth(1).getByTestId('director-scene-caption').fill('Steep for three minutes');
    expect(await scenes.nth(1).getByTestId('director-scene-caption-count').innerText()).toBe('23/40');
    await byTestId('director-unsaved').waitFor();
    expect(await byTestId('director-render-start').isDisabled()).toBe(true);
    await byTestId('director-save').click();
    await byTestId('director-unsaved').waitFor({ state: 'detached' });
    await expect.poll(() => byTestId('director-render-start').isDisabled()).toBe(false);
    await screenshot('generate-director-script');

    await byTestId('director-render-start').click();
    await byTestId('director-result').waitFor({ timeout: 90_000 });
    for (const i of [0, 1, 2]) expect(await scenes.nth(i).getAttribute('data-status')).toBe('ready');
    const durations = await scenes.evaluateAll((els) => els.map((el) => Number((el.querySelector('[data-testid="director-scene-duration"]') as HTMLInputElement).value)));
    const total = durations.reduce((a, b) => a + b, 0);
    const video = byTestId('director-video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: UI_TIMEOUT }).toBeGreaterThanOrEqual(1);
    const duration = await video.evaluate((v: HTMLVideoElement) => v.duration);
    expect(Math.abs(duration - total)).toBeLessThan(0.3);
    expect(await video.getAttribute('poster')).toContain('/media/');
    expect(await byTestId('director-srt-link').innerText()).toMatch(/\.srt$/);
    await screenshot('generate-director');

    // Editing one scene makes only that one need a render again.
    await scenes.nth(2).getByTestId('director-scene-caption').fill('Enjoy');
    await byTestId('director-save').click();
    await expect.poll(() => scenes.nth(2).getAttribute('data-status')).toBe('pending');
    expect(await scenes.nth(0).getAttribute('data-status')).toBe('ready');
    expect(await scenes.nth(1).getAttribute('data-status')).toBe('ready');
  });

  it('tests the offline provider from Settings → AI providers', async () => {
    await byTestId('nav-settings').click();
    await byTestId('settings-providers').waitFor();
    for (const id of ['gemini', 'replicate', 'meshy', 'comfyui', 'ollama', 'offline']) await byTestId(`provider-${id}`).waitFor();
    const offline = byTestId('provider-offline');
    expect(await offline.getAttribute('data-configured')).toBe('true');
    await offline.getByTestId('provider-test').click();
    await expect.poll(() => offline.getByTestId('provider-check').getAttribute('data-ok'), { timeout: UI_TIMEOUT }).toBe('true');
    expect(await offline.getByTestId('provider-models').locator('.gen-tag').count()).toBeGreaterThan(0);
    await byTestId('settings-providers').screenshot({ path: path.join(ARTIFACTS, 'generate-settings-providers.png'), animations: 'disabled' });
  });

  it('breaks no Content Security Policy rule and throws nothing', () => {
    const relevant = pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e));
    expect(relevant).toEqual([]);
  });
});
