import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';

/**
 * What the UI walkthrough of issue 11 §4 found, in Chromium through
 * `kingjam serve` with the offline provider: the sidebar in all three
 * languages, the blog's HTML preview with its cover, a refused generation,
 * canceling a job, and the phone number a Taiwanese user types.
 */
const UI_TIMEOUT = 30_000;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

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

  it('throws nothing and breaks no Content Security Policy rule', () => {
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  });
});
