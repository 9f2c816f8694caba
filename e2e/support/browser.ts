import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './server.js';

/** Screenshots of each page, kept as test artefacts (gitignored). */
export const ARTIFACTS = path.join(REPO_ROOT, 'e2e', 'artifacts');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

export const CHROMIUM_PATH = process.env.KINGJAM_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with nothing that talks to the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Console errors and uncaught exceptions of a page, e.g. CSP violations. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

export interface StudioTab {
  context: BrowserContext;
  page: Page;
  /** The page's console errors and uncaught exceptions, as they come. */
  pageErrors: string[];
}

/** A fresh context and page at the studio's usual window size. */
export async function openTab(browser: Browser, opts: { timeoutMs: number; locale?: string; height?: number }): Promise<StudioTab> {
  const context = await browser.newContext({ viewport: { width: 1360, height: opts.height ?? 900 }, locale: opts.locale ?? 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(opts.timeoutMs);
  return { context, page, pageErrors: collectPageErrors(page) };
}

/** Closes what a test opened, whatever state a failed setup left it in. */
export async function closeBrowser(context: BrowserContext | undefined, browser: Browser | undefined): Promise<void> {
  await context?.close().catch(() => {});
  await browser?.close().catch(() => {});
}
