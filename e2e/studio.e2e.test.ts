import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { writeFakePng, writePng } from './support/media.js';
import { startStudioServer, type StudioServer } from './support/server.js';

const UI_TIMEOUT = 30_000;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let fixtures: string;
const seen: string[] = [];
const sockets: string[] = [];

function screenshot(name: string): Promise<void> {
  return saveScreenshot(page, name);
}

async function apiCall(name: string, body: unknown, token: string | null = server.token): Promise<Response> {
  return fetch(`${server.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

function byTestId(id: string) {
  return page.getByTestId(id);
}

describe('KingJam Studio in Chromium through `kingjam serve`', () => {
  beforeAll(async () => {
    fixtures = await mkdtemp(path.join(tmpdir(), 'kingjam-e2e-files-'));
    server = await startStudioServer();
    browser = await launchChromium();
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT, height: 860 }));
    // Turn on file-chooser interception now, not in the middle of a key press (it is set up asynchronously).
    page.on('filechooser', () => {});
    // Everything the page asks for and prints, to check that the token appears in none of it.
    page.on('request', (r) => seen.push(r.url()));
    page.on('websocket', (ws) => {
      seen.push(ws.url());
      sockets.push(ws.url());
    });
    page.on('console', (m) => seen.push(m.text()));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    if (fixtures) await rm(fixtures, { recursive: true, force: true });
  });

  it('refuses API calls without the token (401)', async () => {
    const none = await apiCall('app.info', {}, null);
    expect(none.status).toBe(401);
    const body = (await none.json()) as { error: { code: string } };
    expect(body.error.code).toBe('UNAUTHORIZED');

    const wrong = await apiCall('app.info', {}, 'not-the-token');
    expect(wrong.status).toBe(401);

    const media = await fetch(`${server.origin}/media/anything.png`);
    expect(media.status).toBe(401);

    // The token in the URL query is not taken; another site's page is refused even with the token.
    const inQuery = await fetch(`${server.origin}/api/app.info?token=${server.token}`, { method: 'POST', body: '{}' });
    expect(inQuery.status).toBe(401);
    const foreign = await fetch(`${server.origin}/api/app.info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);

    const ok = await apiCall('app.info', {});
    expect(ok.status).toBe(200);
  });

  it('asks for the printed link when the page is opened without a token, or with a wrong one', async () => {
    const other = await browser.newPage();
    try {
      await other.goto(`${server.origin}/`);
      await other.getByTestId('not-connected').waitFor();
      await other.goto(`${server.origin}/#token=wrong`);
      await other.reload();
      await other.getByTestId('not-connected').waitFor();
      expect(await other.getByTestId('not-connected').innerText()).toContain('kingjam serve');
    } finally {
      await other.close();
    }
  });

  it('opens the printed URL, takes the token out of the address bar and shows the dashboard in zh-TW', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.url()).not.toContain('token=');
    await byTestId('page-dashboard').waitFor();
    expect(await byTestId('nav-library').innerText()).toContain('媒體庫');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    await byTestId('dashboard-library-count').waitFor();
    expect(await byTestId('dashboard-library-count').innerText()).toBe('0');
    await screenshot('dashboard-zh-TW');
  });

  it('switches the language, and remembers it after a reload (browser and main)', async () => {
    await byTestId('language-quick').selectOption('en');
    await expect.poll(() => byTestId('nav-library').innerText()).toContain('Library');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Dashboard');

    // main remembers it too
    await expect
      .poll(async () => ((await (await apiCall('settings.get', {})).json()) as { language: string }).language)
      .toBe('en');

    await page.reload();
    await byTestId('page-dashboard').waitFor();
    expect(await byTestId('nav-library').innerText()).toContain('Library');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // and to zh-CN through the Settings page
    await byTestId('nav-settings').click();
    await byTestId('settings-language').selectOption('zh-CN');
    await expect.poll(() => byTestId('nav-library').innerText()).toContain('媒体库');
    await byTestId('settings-language').selectOption('en');
    await expect.poll(() => byTestId('nav-library').innerText()).toContain('Library');
  });

  it('shows the data folder and the settings from main', async () => {
    await byTestId('page-settings').waitFor();
    await expect.poll(() => byTestId('settings-data-dir').innerText()).toContain(path.basename(server.home));
    expect(await byTestId('settings-concurrency-default').inputValue()).toBe('4');
    expect(await byTestId('settings-retention-shortVideo').inputValue()).toBe('7');
    await byTestId('settings-concurrency-video').fill('2');
    await byTestId('settings-save').click();
    await byTestId('toast-success').first().waitFor();
    await expect
      .poll(async () => ((await (await apiCall('settings.get', {})).json()) as { concurrency: { video: number } }).concurrency.video)
      .toBe(2);
    await screenshot('settings');
  });

  it('imports an image through the file input and shows its thumbnail', async () => {
    await page.keyboard.press('Control+2');
    await byTestId('page-library').waitFor();
    await byTestId('library-empty').waitFor();
    await screenshot('library-empty');

    const png = path.join(fixtures, 'sunset-gradient.png');
    await writePng(png, 320, 200);
    await byTestId('import-input').setInputFiles(png);

    const card = page.locator('[data-testid="asset-card"][data-status="ready"]');
    await card.waitFor({ timeout: 60_000 });
    const thumb = card.getByTestId('asset-thumb');
    await thumb.waitFor();
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: UI_TIMEOUT })
      .toBe(true);

    await card.click();
    await byTestId('asset-detail').waitFor();
    expect(await byTestId('detail-name').innerText()).toBe('sunset-gradient.png');
    expect(await byTestId('detail-dimensions').innerText()).toBe('320 × 200');
    await byTestId('toast-success').first().waitFor();
    await screenshot('library');
  });

  it('shows the import job as succeeded in History', async () => {
    await page.keyboard.press('Control+3');
    await byTestId('page-history').waitFor();
    const row = page.locator('[data-testid="history-row"][data-kind="media.probe"]');
    await row.first().waitFor();
    await expect.poll(() => row.first().getAttribute('data-status')).toBe('succeeded');
    expect(await row.first().innerText()).toContain('sunset-gradient.png');

    await byTestId('history-status-filter').selectOption('failed');
    await byTestId('history-empty').waitFor();
    await byTestId('history-status-filter').selectOption('');
    await row.first().waitFor();
    await screenshot('history');
  });

  it('shows the import on the dashboard', async () => {
    await page.keyboard.press('Control+1');
    await byTestId('page-dashboard').waitFor();
    await expect.poll(() => byTestId('dashboard-library-count').innerText()).toBe('1');
    await byTestId('dashboard-recent').waitFor();
    await screenshot('dashboard');
  });

  it('shows the keyboard shortcuts with ? and closes them with Esc', async () => {
    await page.keyboard.press('?');
    await byTestId('shortcut-help').waitFor();
    await screenshot('shortcuts');
    await page.keyboard.press('Escape');
    await byTestId('shortcut-help').waitFor({ state: 'detached' });
  });

  it('deletes the asset after confirmation and shows the empty state', async () => {
    await byTestId('nav-library').click();
    const card = byTestId('asset-card');
    await card.first().click();
    await byTestId('asset-detail').waitFor();

    // Delete asks first; Esc closes the dialog without deleting.
    await page.keyboard.press('Delete');
    await byTestId('confirm-dialog').waitFor();
    await screenshot('library-confirm-delete');
    await page.keyboard.press('Escape');
    await byTestId('confirm-dialog').waitFor({ state: 'detached' });
    expect(await card.count()).toBe(1);

    await byTestId('asset-delete').click();
    await byTestId('confirm-dialog').waitFor();
    await byTestId('confirm-ok').click();
    await byTestId('library-empty').waitFor();
    expect(await card.count()).toBe(0);

    const list = (await (await apiCall('library.list', {})).json()) as { total: number };
    expect(list.total).toBe(0);
  });

  it('shows an error toast for a text file renamed .png', async () => {
    const fake = path.join(fixtures, 'not-really.png');
    await writeFakePng(fake);
    // Through the keyboard shortcut this time: Ctrl+I opens the file picker.
    const chooser = page.waitForEvent('filechooser');
    await page.locator('body').focus();
    await page.keyboard.press('Control+I');
    await (await chooser).setFiles(fake);
    const toast = byTestId('toast-error').filter({ hasText: 'not-really.png' });
    await toast.first().waitFor({ timeout: 60_000 });
    await screenshot('library-import-error');
    // Nothing half-imported is left in the library.
    await expect
      .poll(async () => ((await (await apiCall('library.list', {})).json()) as { total: number }).total)
      .toBe(0);
  });

  it('lists the failed import in History with what went wrong and a retry button', async () => {
    await page.keyboard.press('Control+3');
    await byTestId('history-status-filter').selectOption('failed');
    const row = page.locator('[data-testid="history-row"][data-status="failed"]');
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('not-really.png');
    await row.first().getByTestId('history-error').waitFor();
    await row.first().getByTestId('history-retry').waitFor();
    await screenshot('history-failed');
    await byTestId('history-status-filter').selectOption('');
  });

  it('imports a file dropped onto the window', async () => {
    const png = path.join(fixtures, 'dropped.png');
    await writePng(png, 64, 48);
    const bytes = [...(await readFile(png))];
    await byTestId('nav-dashboard').click();
    const dataTransfer = await page.evaluateHandle((data: number[]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], 'dropped.png', { type: 'image/png' }));
      return transfer;
    }, bytes);
    await page.dispatchEvent('main', 'dragenter', { dataTransfer });
    await byTestId('drop-overlay').waitFor();
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    await byTestId('drop-overlay').waitFor({ state: 'detached' });
    // A drop goes to the Library, where the new asset appears.
    await byTestId('page-library').waitFor();
    const card = page.locator('[data-testid="asset-card"][data-status="ready"]');
    await card.waitFor({ timeout: 60_000 });
    expect(await card.innerText()).toContain('dropped.png');
  });

  it('never puts the token in a URL, the console or the server’s log; the event socket connects without it in its URL', async () => {
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets.every((u) => new URL(u).search === '')).toBe(true);
    // The socket authenticated by its first message: no banner says events are lost.
    expect(await byTestId('connection-banner').count()).toBe(0);
    // Only the first page load carries it, in the #fragment the page removes at once.
    const leaks = seen.filter((s) => s.includes(server.token) && s !== server.url);
    expect(leaks).toEqual([]);
    expect(server.log()).not.toContain(server.token);
  });

  it('had no CSP violations or uncaught errors', () => {
    const relevant = pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e));
    expect(relevant).toEqual([]);
  });
});
