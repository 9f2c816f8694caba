import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';

/**
 * What the UI walkthrough of issue 11 §4 found, in Chromium through
 * `kingjam serve` with the offline provider: the sidebar in all three
 * languages, a refused generation, the blog's HTML preview with its cover,
 * canceling a job, and the player after a Director re-render.
 */
const UI_TIMEOUT = 30_000;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

function fontsReady(): Promise<void> {
  return page.evaluate(async () => {
    await document.fonts.ready;
  });
}

function byTestId(id: string) {
  return page.getByTestId(id);
}

interface LabelBox {
  page: string;
  text: string;
  lines: number;
  clipped: boolean;
}

/** Each navigation label: how many lines it takes and whether its text is cut off; and whether the sidebar scrolls sideways. */
function measureSidebar(): Promise<{ labels: LabelBox[]; sidebarOverflowX: number }> {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll<HTMLElement>('.sidebar__nav .nav-item')].map((item) => {
      const label = item.querySelector<HTMLElement>('.nav-item__label')!;
      const lineHeight = parseFloat(getComputedStyle(label).lineHeight) || parseFloat(getComputedStyle(label).fontSize) * 1.5;
      return {
        page: item.dataset.testid ?? '',
        text: label.innerText,
        lines: Math.round(label.getBoundingClientRect().height / lineHeight),
        clipped: label.scrollWidth > label.clientWidth + 1 || item.scrollWidth > item.clientWidth + 1,
      };
    });
    const sidebar = document.querySelector<HTMLElement>('.sidebar')!;
    return { labels, sidebarOverflowX: sidebar.scrollWidth - sidebar.clientWidth };
  });
}

describe('the UI walkthrough fixes', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startStudioServer(), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
  });

  it('fits every sidebar label on one line, uncut, without a sideways scrollbar, in zh-TW, zh-CN and en', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    for (const language of ['zh-TW', 'zh-CN', 'en'] as const) {
      await byTestId('language-quick').selectOption(language);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      // Hovering shows an item's shortcut: that must not push its label out either.
      await byTestId('nav-connections').hover();
      const { labels, sidebarOverflowX } = await measureSidebar();
      expect(labels.length).toBeGreaterThanOrEqual(13);
      for (const l of labels) expect({ ...l, language }).toEqual({ page: l.page, text: l.text, lines: 1, clipped: false, language });
      expect(sidebarOverflowX).toBeLessThanOrEqual(0);
      await saveScreenshot(page, `walkthrough-sidebar-${language}`);
    }
  });

  it('offers no Gemini blog without a key: the choice is disabled and says to add one, and no failed item is added to the list', async () => {
    await byTestId('language-quick').selectOption('en');
    await page.keyboard.press('Control+Shift+B');
    await byTestId('page-blog').waitFor();
    await byTestId('blog-past-empty').waitFor();
    await byTestId('blog-topic').fill('Night markets of Taipei');
    const gemini = byTestId('blog-model').locator('option[data-provider="gemini"]').first();
    await expect.poll(() => gemini.isDisabled()).toBe(true);
    expect(await gemini.innerText()).toContain('add a key');
    expect(await byTestId('blog-model-action-gemini').getAttribute('data-action')).toBe('add-key');
    expect(await byTestId('past-item').count()).toBe(0);
    await byTestId('blog-past-empty').waitFor();
  });

  it('shows the exported HTML page with its cover (loaded through the app media URLs)', async () => {
    await byTestId('blog-model').selectOption('offline');
    await byTestId('blog-cover-standard').click();
    await byTestId('blog-generate').click();
    await byTestId('blog-result').waitFor({ timeout: 60_000 });
    const preview = byTestId('blog-html-preview');
    await preview.waitFor();
    const frame = page.frameLocator('[data-testid="blog-html-preview"]');
    await frame.locator('article h2, article p').first().waitFor();
    const cover = frame.locator('article img');
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: UI_TIMEOUT }).toBe(true);
    expect(await cover.getAttribute('src')).toContain('/media/');
    await saveScreenshot(page, 'walkthrough-blog-html-preview');
  });

  it('asks before canceling a video scene from History, then shows the video as canceled, not failed', async () => {
    await page.keyboard.press('Control+Shift+D');
    await byTestId('page-director').waitFor();
    await byTestId('director-topic').fill('A cup of oolong tea');
    await byTestId('director-language').selectOption('en');
    // Six scenes, one at a time in the video queue: the last one is still waiting when History opens.
    await byTestId('director-seconds').fill('18');
    await byTestId('director-scene-count').fill('6');
    await byTestId('director-backend').selectOption('offline');
    await byTestId('director-small').check();
    await byTestId('director-write').click();
    await byTestId('director-script').waitFor({ timeout: 60_000 });
    await byTestId('director-render-start').click();

    await byTestId('nav-history').click();
    await byTestId('page-history').waitFor();
    // The last scene waits behind the others in the video queue (one at a time).
    const last = page.locator('[data-testid="history-row"][data-kind="director.scene"]').first();
    await expect.poll(() => last.getAttribute('data-status'), { timeout: UI_TIMEOUT }).toMatch(/queued|running/);
    await last.getByTestId('history-cancel').click();
    await byTestId('confirm-dialog').waitFor();
    expect(await byTestId('confirm-cancel').innerText()).toBe('Keep it running');
    await byTestId('confirm-ok').click();
    await expect.poll(() => last.getAttribute('data-status'), { timeout: UI_TIMEOUT }).toBe('canceled');
    expect(await last.getByTestId('job-status').innerText()).toBe('Canceled');

    await byTestId('nav-director').click();
    await byTestId('gen-canceled').waitFor({ timeout: 90_000 });
    expect(await byTestId('gen-error').count()).toBe(0);
    expect(await byTestId('past-item').first().getByTestId('project-status').getAttribute('data-status')).toBe('canceled');
    await byTestId('language-quick').selectOption('zh-TW');
    expect(await byTestId('past-item').first().getByTestId('project-status').innerText()).toBe('已取消');
    await saveScreenshot(page, 'walkthrough-director-canceled');
    await byTestId('language-quick').selectOption('en');
  });

  it('plays the new cut after a re-render: the player loads a new URL with different bytes', async () => {
    await byTestId('director-render-start').click(); // renders the canceled scene, then composes
    await byTestId('director-result').waitFor({ timeout: 120_000 });
    const video = byTestId('director-video');
    const first = (await video.getAttribute('src'))!;
    const scenes = byTestId('director-scene');
    await scenes.nth(0).getByTestId('director-scene-caption').fill('Warm the pot first');
    await byTestId('director-save').click();
    await byTestId('director-render-start').click();
    await expect.poll(() => video.getAttribute('src').catch(() => null), { timeout: 120_000 }).not.toBe(first);
    const second = (await video.getAttribute('src'))!;
    expect(second).toContain('/media/');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: UI_TIMEOUT }).toBeGreaterThanOrEqual(1);
    expect(await video.evaluate((v: HTMLVideoElement) => v.currentSrc)).toBe(second);
    const bytes = (url: string) => page.evaluate(async (u) => {
      const r = await fetch(u);
      return r.ok ? Array.from(new Uint8Array(await r.arrayBuffer()).slice(-4096)).join(',') : `status ${r.status}`;
    }, url);
    expect(await bytes(second)).not.toBe(await bytes(first));
  });

  it('ships its own Chinese faces as the last fallback: served under the CSP and loadable, Traditional for zh-TW and Simplified for zh-CN', async () => {
    await byTestId('nav-dashboard').click();
    await byTestId('page-dashboard').waitFor();
    for (const [language, family] of [
      ['zh-TW', 'KingJam Noto Sans TC'],
      ['zh-CN', 'KingJam Noto Sans SC'],
    ] as const) {
      await byTestId('language-quick').selectOption(language);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      const face = await page.evaluate(async (f) => {
        const loaded = await document.fonts.load(`16px "${f}"`, '設定设定');
        return { count: loaded.length, status: loaded[0]?.status, uiFont: getComputedStyle(document.body).fontFamily };
      }, family);
      expect(face).toMatchObject({ count: 1, status: 'loaded' });
      // The face comes after the system's Chinese fonts, so a machine that has one keeps using it.
      expect(face.uiFont.trim().endsWith(`"${family}", sans-serif`)).toBe(true);
      await fontsReady();
      await saveScreenshot(page, `walkthrough-fonts-${language}`);
    }
  });

  it('throws nothing and breaks no Content Security Policy rule', () => {
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  });
});
