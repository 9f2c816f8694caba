import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetPage, ImportOutcome } from '../src/shared/library.js';
import { bridgeCall } from './support/bridge.js';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { writePng } from './support/media.js';
import { startStudioServer, type StudioServer } from './support/server.js';

/**
 * Data lifecycle in Chromium through `kingjam serve`: the Library says what
 * the next cleanup removes and when, an item is starred with the keyboard
 * (and so leaves the list), the Starred filter shows it, and the Dashboard
 * shows disk usage by retention class — in zh-TW, zh-CN and en, no raw keys.
 */
const UI_TIMEOUT = 30_000;
const LANGUAGES = ['zh-TW', 'zh-CN', 'en'] as const;
const DAY = 86_400_000;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
const ids: Record<'social' | 'video' | 'kept', string> = { social: '', video: '', kept: '' };

const byTestId = (id: string) => page.getByTestId(id);
/** Key-looking tokens a page shows as themselves (a text missing from the catalogue). */
const untranslated = (text: string) => text.match(/\b(?:msg\.)?lifecycle\.[a-zA-Z][\w.-]*/g) ?? [];

describe('data lifecycle in Chromium', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startStudioServer(), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
    // Three pictures in the library; two become outputs past their retention (as a generator's would be), one has none.
    const inbox = path.join(server.home, 'inbox');
    await mkdir(inbox, { recursive: true });
    const files = { social: 'launch-post.png', video: 'teaser-frame.png', kept: 'brand-logo.png' };
    for (const [i, name] of Object.values(files).entries()) await writePng(path.join(inbox, name), 90 + i * 7, 60);
    const outcomes = await bridgeCall<ImportOutcome[]>(server, 'library.import', { paths: Object.values(files).map((f) => path.join(inbox, f)) });
    for (const [key, name] of Object.entries(files)) ids[key as keyof typeof ids] = outcomes.find((o) => o.path.endsWith(name))!.assetId!;
    const deadline = Date.now() + UI_TIMEOUT;
    while ((await bridgeCall<AssetPage>(server, 'library.list', {})).items.filter((a) => a.status === 'ready').length < 3) {
      if (Date.now() > deadline) throw new Error('the three pictures were not probed in time');
      await new Promise((r) => setTimeout(r, 200));
    }
    const db = new Database(path.join(server.home, 'studio.sqlite'));
    db.pragma('busy_timeout = 5000');
    const set = db.prepare('UPDATE assets SET retention_class = ?, created_at = ? WHERE id = ?');
    set.run('socialImage', Date.now() - 20 * DAY, ids.social);
    set.run('shortVideo', Date.now() - 10 * DAY, ids.video);
    db.close();
  }, 120_000);

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
  });

  it('shows the next cleanup with its items on the Library, and disk usage on the Dashboard, in three languages', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    for (const language of LANGUAGES) {
      await byTestId('language-quick').selectOption(language);
      await byTestId('nav-library').click();
      await byTestId('page-library').waitFor();
      await expect.poll(() => page.locator('[data-testid="cleanup-item"]').count(), { timeout: UI_TIMEOUT }).toBe(2);
      await byTestId('cleanup-show').click();
      const summary = await byTestId('cleanup-summary').innerText();
      expect(summary).toMatch(/2/);
      expect(summary).toMatch(/04:00/);
      const removal = page.locator(`[data-testid="asset-card"][data-asset-id="${ids.social}"] [data-testid="asset-removal"]`);
      await removal.waitFor();
      expect(untranslated(await byTestId('page-library').innerText()), `Library in ${language}`).toEqual([]);
      expect(await page.locator(`[data-testid="star-toggle"][data-asset-id="${ids.social}"]`).getAttribute('aria-label')).toContain('launch-post.png');
      await saveScreenshot(page, `lifecycle-library-${language}`);
      await byTestId('nav-dashboard').click();
      const usage = byTestId('dashboard-disk-usage');
      await usage.waitFor();
      expect(await byTestId('disk-usage-socialImage').innerText()).toMatch(/\b1\b/);
      expect(await byTestId('disk-usage-kept').innerText()).toMatch(/\b1\b/);
      expect(await byTestId('disk-usage-free').innerText()).toMatch(/\d/);
      expect(untranslated(await byTestId('page-dashboard').innerText()), `Dashboard in ${language}`).toEqual([]);
      await saveScreenshot(page, `lifecycle-dashboard-${language}`);
    }
    // The card follows the language: its title in each.
    for (const [language, title] of [['zh-TW', '磁碟用量'], ['zh-CN', '磁盘用量'], ['en', 'Disk usage']] as const) {
      await byTestId('language-quick').selectOption(language);
      await expect.poll(() => byTestId('dashboard-disk-usage').innerText()).toContain(title);
    }
  });

  it('stars an item with the keyboard: it leaves the cleanup list, stays in the library, and the Starred filter shows it', async () => {
    await byTestId('language-quick').selectOption('en');
    await byTestId('nav-library').click();
    const star = page.locator(`[data-testid="star-toggle"][data-asset-id="${ids.social}"]`);
    await expect.poll(() => star.getAttribute('aria-pressed'), { timeout: UI_TIMEOUT }).toBe('false');
    await star.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => star.getAttribute('aria-pressed'), { timeout: UI_TIMEOUT }).toBe('true');
    await expect.poll(() => page.locator('[data-testid="cleanup-item"]').count(), { timeout: UI_TIMEOUT }).toBe(1);
    expect(await page.locator(`[data-testid="cleanup-item"][data-asset-id="${ids.video}"]`).count()).toBe(1);
    expect((await bridgeCall<{ starred: boolean }>(server, 'library.get', { id: ids.social })).starred).toBe(true);
    const filter = byTestId('library-starred-filter');
    await filter.click();
    expect(await filter.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('[data-testid="asset-card"]').count(), { timeout: UI_TIMEOUT }).toBe(1);
    expect(await page.locator('[data-testid="asset-card"]').getAttribute('data-asset-id')).toBe(ids.social);
    // Kept from the preview itself: its own star, right there.
    await filter.click();
    await byTestId('cleanup-show').click().catch(() => undefined);
    await page.locator(`[data-testid="cleanup-star"][data-asset-id="${ids.video}"]`).click();
    await expect.poll(() => page.locator('[data-testid="cleanup-item"]').count(), { timeout: UI_TIMEOUT }).toBe(0);
    expect(await byTestId('cleanup-summary').innerText()).toMatch(/nothing to remove/);
    await saveScreenshot(page, 'lifecycle-starred');
    // The browser's own favicon request is the only resource allowed to fail (the studio serves none).
    expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
