import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';

/**
 * Every page of the KOL workspace opens from a fresh data folder in each of
 * the three languages: no message key shown as itself, no error on the page,
 * and a title of its own in each language.
 */

const UI_TIMEOUT = 30_000;
const KOL_PAGES = ['kol-personas', 'kol-review', 'kol-batches', 'kol-triggers', 'kol-learning', 'kol-rules'] as const;
const LANGUAGES = ['zh-TW', 'zh-CN', 'en'] as const;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

describe('the KOL workspace’s pages in zh-TW, zh-CN and en, from a fresh data folder', () => {
  beforeAll(async () => {
    server = await startStudioServer();
    browser = await launchChromium();
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
    await page.goto(server.url);
    await page.getByTestId('page-dashboard').waitFor();
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
  });

  it('opens each page in each language with every text translated', async () => {
    const titles = new Map<string, Set<string>>();
    for (const language of LANGUAGES) {
      await page.getByTestId('language-quick').selectOption(language);
      for (const id of KOL_PAGES) {
        await page.getByTestId(`nav-${id}`).click();
        const body = page.getByTestId(`page-${id}`);
        await body.waitFor();
        const text = await body.innerText();
        expect(text.match(/\bkol(?:score|trig|batch|learn)?\.[a-zA-Z]+[\w.]*/g) ?? [], `${id} in ${language}`).toEqual([]);
        const navLabel = await page.getByTestId(`nav-${id}`).innerText();
        titles.set(id, (titles.get(id) ?? new Set()).add(navLabel.trim()));
      }
    }
    // zh-TW, zh-CN and en each name every page in their own words (zh-TW and zh-CN may share one).
    for (const [id, names] of titles) expect(names.size, id).toBeGreaterThanOrEqual(2);
    // Signed out, the Personas and Review pages' calls for clients and publish accounts are refused (the browser logs the 403) and the pages go on without them.
    expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
