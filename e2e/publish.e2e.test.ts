import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphErrorAnswer } from '../test/publish/fakes/graph-common.js';
import { startFakeMetaGraph, type FakeMetaGraph } from '../test/publish/fakes/meta-graph.js';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { writePng } from './support/media.js';
import { startCloudWithMeta } from './support/meta-cloud.js';
import { startStudioServer, type StudioServer } from './support/server.js';

const UI_TIMEOUT = 30_000;
const EMAIL = 'publish-e2e@example.com';
const PASSWORD = 'correct horse battery staple 9';
const PAGES = [
  { id: '1000001', name: 'Tea House', token: 'page-token-1' },
  { id: '1000003', name: 'Noodle Bar', token: 'page-token-3' },
];

let dir: string;
let cloud: { cloudUrl: string; close: () => Promise<void> } | undefined;
let graph: FakeMetaGraph;
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

const byTestId = (id: string) => page.getByTestId(id);

/** The headings and one limit message the Scheduler and Composer show in each language. */
const TEXTS = {
  en: { scheduler: 'Scheduler', composer: 'Composer', textEmpty: 'The post has no text and no media for Facebook.' },
  'zh-TW': { scheduler: '排程', composer: '撰寫貼文', textEmpty: '這則 Facebook 貼文沒有文字也沒有媒體。' },
  'zh-CN': { scheduler: '排程', composer: '撰写帖子', textEmpty: '这条 Facebook 帖子没有文字也没有媒体。' },
} as const;

function account(name: string) {
  return byTestId('composer-account').filter({ hasText: name });
}

describe('publishing from the Scheduler: compose for two Facebook Pages with a library image, schedule, publish, see it published', () => {
  beforeAll(async () => {
    graph = await startFakeMetaGraph({ pages: PAGES });
    dir = await mkdtemp(path.join(tmpdir(), 'kingjam-e2e-publish-'));
    // The Meta login was connected earlier (through the vault's API, as the Connections page does).
    cloud = await startCloudWithMeta({ dir, userToken: graph.userToken, email: EMAIL, password: PASSWORD });

    server = await startStudioServer({ KINGJAM_CLOUD_URL: cloud.cloudUrl, KINGJAM_SECRET_KEY: randomBytes(32).toString('hex'), KINGJAM_META_GRAPH_BASE_URL: graph.url });
    browser = await launchChromium();
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    await cloud?.close();
    await graph?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('signs in and puts an image in the library', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('language-quick').selectOption('en');
    await byTestId('nav-account').click();
    await byTestId('login-email').fill(EMAIL);
    await byTestId('login-password').fill(PASSWORD);
    await byTestId('login-submit').click();
    await byTestId('account-signed-in').waitFor();

    const png = path.join(dir, 'grand-opening.png');
    await writePng(png, 1080, 1080);
    await byTestId('nav-library').click();
    await byTestId('import-input').setInputFiles(png);
    await byTestId('asset-thumb').first().waitFor();
  });

  it('shows the Scheduler and the Composer in each language, with a platform limit said in it', async () => {
    for (const language of ['zh-TW', 'zh-CN', 'en'] as const) {
      await byTestId('language-quick').selectOption(language);
      await byTestId('nav-scheduler').click();
      await byTestId('page-scheduler').waitFor();
      expect(await page.locator('.page-header__title').innerText()).toBe(TEXTS[language].scheduler);
      expect(await byTestId('nav-scheduler').innerText()).toContain(TEXTS[language].scheduler);
      expect(await byTestId('scheduler-range').innerText()).toBe(new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long' }).format(new Date()));
      await byTestId('calendar-month').waitFor();
      await byTestId('scheduler-new').click();
      const composer = byTestId('composer');
      await composer.waitFor();
      expect(await composer.locator('.dialog__title').innerText()).toBe(TEXTS[language].composer);
      // The Meta login's two Pages, listed through the platform by a worker.
      await account('Tea House').waitFor();
      await account('Tea House').locator('input').check();
      const problem = byTestId('composer-problems-facebook').getByTestId('composer-problem');
      await problem.waitFor();
      expect(await problem.getAttribute('data-key')).toBe('publish.textEmpty');
      // The platform by its name, in the sentence of the chosen language.
      expect(await problem.innerText()).toContain(TEXTS[language].textEmpty);
      expect(await byTestId('composer-schedule').isDisabled()).toBe(true);
      await saveScreenshot(page, `publish-composer-${language}`);
      await byTestId('composer-close').click();
      await composer.waitFor({ state: 'detached' });
    }
  });

  it('composes one post for both Pages with the library image and schedules it: two posts on the calendar', async () => {
    await byTestId('scheduler-new').click();
    await byTestId('composer').waitFor();
    await account('Tea House').locator('input').check();
    await account('Noodle Bar').locator('input').check();
    await byTestId('composer-text').fill('Grand opening this weekend! #tea');
    expect(await byTestId('limit-chars').innerText()).toContain('32 / 63206');
    await byTestId('composer-add-media').click();
    await byTestId('media-picker-item').first().click();
    await byTestId('composer-media-item').waitFor();
    await expect.poll(() => byTestId('composer-problem').count()).toBe(0);
    await byTestId('preview-facebook').locator('img').waitFor();
    // Ten minutes from now, in the browser's own clock (the input is local time).
    const when = await page.evaluate(() => {
      const d = new Date(Date.now() + 10 * 60_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    });
    await byTestId('composer-when').fill(when);
    await byTestId('composer-zones').getByText('Asia/Taipei').waitFor();
    await saveScreenshot(page, 'publish-composer-ready');
    await byTestId('composer-schedule').click();
    await byTestId('composer').waitFor({ state: 'detached' });

    const chips = byTestId('calendar-month').getByTestId('post-chip');
    await expect.poll(() => chips.count()).toBe(2);
    expect(await chips.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['scheduled', 'scheduled']);
    expect(graph.publishes).toBe(0);
    await saveScreenshot(page, 'publish-calendar-scheduled');
  });

  it('publishes each now: the fake Pages receive one photo post each, and the calendar turns published with the post URL', async () => {
    const chips = byTestId('calendar-month').getByTestId('post-chip');
    const scheduled = byTestId('calendar-month').locator('[data-testid="post-chip"][data-state="scheduled"]');
    for (let i = 0; i < 2; i++) {
      await scheduled.first().click();
      const dialog = byTestId('post-dialog');
      await dialog.waitFor();
      await dialog.getByTestId('post-now').click();
      const link = dialog.getByTestId('post-url');
      await link.waitFor();
      expect(await link.getAttribute('href')).toMatch(/^https:\/\/www\.facebook\.com\/(1000001|1000003)\/posts\/\d+$/);
      await dialog.getByRole('button', { name: 'Close' }).last().click();
      await dialog.waitFor({ state: 'detached' });
    }
    await expect.poll(() => chips.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['published', 'published']);
    expect(graph.publishes).toBe(2);
    const photoPosts = graph.callsTo('POST', /^\/(1000001|1000003)\/photos$/);
    expect(photoPosts.map((c) => c.path).sort()).toEqual(['/1000001/photos', '/1000003/photos']);
    expect(graph.posts.map((p) => p.message)).toEqual(['Grand opening this weekend! #tea', 'Grand opening this weekend! #tea']);
    await saveScreenshot(page, 'publish-calendar-published');

    // The week view holds them in their hour; the list has each with its link.
    await byTestId('scheduler-view-week').click();
    await expect.poll(() => byTestId('calendar-week').getByTestId('post-chip').count()).toBe(2);
    await saveScreenshot(page, 'publish-calendar-week');
    await byTestId('scheduler-view-list').click();
    const rows = byTestId('calendar-list').getByTestId('post-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.getByTestId('post-url').evaluateAll((links) => links.map((a) => a.getAttribute('href')).sort())).toEqual(graph.posts.map((p) => p.permalink_url).sort());
    await saveScreenshot(page, 'publish-calendar-list');
    // No script error and nothing the CSP blocked (inline styles, remote media) on any of these pages.
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  });

  it('moves a post by keyboard and by drag; a refusal shows why in each language with Retry / Edit / Cancel, and Retry publishes it', async () => {
    await byTestId('language-quick').selectOption('en');
    await byTestId('scheduler-view-month').click();
    await byTestId('scheduler-new').click();
    await byTestId('composer').waitFor();
    await account('Tea House').locator('input').check();
    await byTestId('composer-text').fill('Tasting menu on Friday');
    const days = await page.evaluate(() => {
      const key = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const at = new Date(Date.now() + 30 * 60_000);
      const next = new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1);
      const pad = (n: number) => String(n).padStart(2, '0');
      return { when: `${key(at)}T${pad(at.getHours())}:${pad(at.getMinutes())}`, day: key(at), next: key(next) };
    });
    await byTestId('composer-when').fill(days.when);
    await byTestId('composer-schedule').click();
    await byTestId('composer').waitFor({ state: 'detached' });

    const chip = byTestId('calendar-month').locator('[data-testid="post-chip"][data-state="scheduled"]');
    await chip.waitFor();
    expect(await chip.locator('xpath=..').getAttribute('data-day')).toBe(days.day);
    // Alt+→ moves it a day later, through main (the next day's cell holds it once main said yes).
    await chip.focus();
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => chip.locator('xpath=..').getAttribute('data-day')).toBe(days.next);
    // Dragged back onto its first day.
    await chip.dragTo(byTestId('calendar-month').locator(`[data-testid="calendar-day"][data-day="${days.day}"]`));
    await expect.poll(() => chip.locator('xpath=..').getAttribute('data-day')).toBe(days.day);
    await saveScreenshot(page, 'publish-calendar-moved');

    // Facebook refuses it: the post stops with the platform's reason and what to do.
    graph.faults.push({ method: 'POST', path: /^\/1000001\/feed$/, answer: graphErrorAnswer(400, 100, '(#100) The post contains a blocked word') });
    await chip.click();
    const dialog = byTestId('post-dialog');
    await dialog.getByTestId('post-now').click();
    const reason = dialog.getByTestId('post-failure-reason');
    await reason.waitFor();
    expect(await reason.innerText()).toContain('Facebook refused the post: (#100) The post contains a blocked word');
    expect(await dialog.getByTestId('post-failure-hint').innerText()).toContain('Change the post as Facebook says, then retry it.');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'detached' });

    const failed = byTestId('calendar-month').locator('[data-testid="post-chip"][data-state="failed"]');
    for (const [language, words] of [
      ['zh-TW', 'Facebook 拒絕了這則貼文'],
      ['zh-CN', 'Facebook 拒绝了这条帖子'],
      ['en', 'Facebook refused the post'],
    ] as const) {
      await byTestId('language-quick').selectOption(language);
      // Polled: the chip re-renders in the new language a moment after the switch.
      await expect.poll(() => failed.getByTestId('post-chip-reason').innerText(), { timeout: 10_000 }).toContain(words);
    }
    await saveScreenshot(page, 'publish-calendar-failed');

    await byTestId('scheduler-view-list').click();
    const row = byTestId('calendar-list').locator('[data-testid="post-row"][data-state="failed"]');
    expect(await row.getByTestId('post-failure-reason').innerText()).toContain('Facebook refused the post');
    for (const action of ['post-retry', 'post-edit', 'post-cancel']) expect(await row.getByTestId(action).isVisible()).toBe(true);
    const published = graph.publishes;
    await row.getByTestId('post-retry').click();
    const done = byTestId('calendar-list').locator('[data-testid="post-row"][data-state="published"]').filter({ hasText: 'Tasting menu on Friday' });
    await done.getByTestId('post-url').waitFor();
    expect(graph.publishes).toBe(published + 1);
    expect(graph.posts.at(-1)?.message).toBe('Tasting menu on Friday');
  });

  it("Social's Schedule… opens the Composer with the chosen caption and the post's image, which publishes to the Page", async () => {
    await byTestId('language-quick').selectOption('en');
    await byTestId('nav-social').click();
    await byTestId('page-social').waitFor();
    await byTestId('social-platform').selectOption('facebook');
    await byTestId('social-topic').fill('Oolong tasting night');
    // Signed in, the studio would pick KingJam Cloud (no gateway here): the offline models write the draft.
    await expect.poll(() => byTestId('social-model').locator('option[value="offline"]').count()).toBeGreaterThan(0);
    await byTestId('social-model').selectOption('offline');
    await byTestId('social-generate').click();
    await byTestId('social-result').waitFor({ timeout: 90_000 });
    const variant = byTestId('social-variant').nth(1);
    const caption = await variant.getByTestId('social-variant-caption').innerText();
    await variant.getByTestId('social-schedule').click();

    const composer = byTestId('composer');
    await composer.waitFor();
    const text = await byTestId('composer-text').inputValue();
    expect(text.startsWith(caption)).toBe(true);
    await byTestId('composer-media-item').locator('img').waitFor();
    await account('Tea House').locator('input').check();
    await byTestId('preview-facebook').locator('img').waitFor();
    await expect.poll(() => byTestId('composer-problem').count()).toBe(0);
    await saveScreenshot(page, 'publish-composer-from-social');
    const before = graph.publishes;
    await byTestId('composer-now').click();
    await composer.waitFor({ state: 'detached' });
    await expect.poll(() => graph.publishes).toBe(before + 1);
    // A multipart field carries its line breaks as CRLF (the HTML form encoding the photo upload uses).
    expect(graph.posts.at(-1)?.message?.replace(/\r\n/g, '\n')).toBe(text);
    expect(graph.callsTo('POST', /^\/1000001\/photos$/).at(-1)?.files.source?.bytes ?? 0).toBeGreaterThan(0);
  });

  it('saves a draft, edits it into a scheduled post, then cancels it: nothing reaches the platform', async () => {
    await byTestId('nav-scheduler').click();
    await byTestId('scheduler-view-list').click();
    const before = graph.publishes;
    await byTestId('scheduler-new').click();
    await account('Noodle Bar').locator('input').check();
    await byTestId('composer-text').fill('Noodle week, first draft');
    await byTestId('composer-draft').click();
    await byTestId('composer').waitFor({ state: 'detached' });
    const row = byTestId('calendar-list').getByTestId('post-row').filter({ hasText: 'Noodle week' });
    await expect.poll(() => row.getAttribute('data-state')).toBe('draft');

    await row.getByTestId('post-edit').click();
    const composer = byTestId('composer');
    expect(await composer.locator('.dialog__title').innerText()).toBe('Edit post');
    expect(await byTestId('composer-text').inputValue()).toBe('Noodle week, first draft');
    expect(await account('Noodle Bar').locator('input').isChecked()).toBe(true);
    expect(await account('Tea House').locator('input').isDisabled()).toBe(true);
    await byTestId('composer-text').fill('Noodle week, every bowl half price');
    const when = await page.evaluate(() => {
      const d = new Date(Date.now() + 60 * 60_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    });
    await byTestId('composer-when').fill(when);
    await byTestId('composer-schedule').click();
    await composer.waitFor({ state: 'detached' });
    const edited = byTestId('calendar-list').getByTestId('post-row').filter({ hasText: 'every bowl half price' });
    await expect.poll(() => edited.getAttribute('data-state')).toBe('scheduled');

    await edited.getByTestId('post-cancel').click();
    await byTestId('confirm-ok').click();
    await expect.poll(() => edited.getAttribute('data-state')).toBe('canceled');
    expect(graph.publishes).toBe(before);
    await saveScreenshot(page, 'publish-list-canceled');
  });

  it('bulk: a CSV with problems lists each by line and column and imports nothing; a clean one imports; the range exports as CSV', async () => {
    await byTestId('nav-scheduler').click();
    await byTestId('scheduler-view-list').click();
    await byTestId('scheduler-bulk-toggle').click();
    const panel = byTestId('bulk-panel');
    await panel.waitFor();
    const later = new Date(Date.now() + 2 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const bad = path.join(dir, 'bad.csv');
    await writeFile(bad, `account,time,text\nfacebook:Tea House,${later},Bulk lunch special\nfacebook:Nobody Here,2020-01-01 09:00,Too late\n`);
    await byTestId('bulk-file').setInputFiles(bad);
    const problems = byTestId('bulk-problem');
    await problems.first().waitFor();
    expect(await problems.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-line')}:${r.getAttribute('data-field')}`))).toEqual(['3:account', '3:time']);
    expect(await problems.first().innerText()).toContain('No account "facebook:Nobody Here".');
    expect(await byTestId('bulk-import').count()).toBe(0);

    const good = path.join(dir, 'good.csv');
    await writeFile(good, `account,time,text\nfacebook:Tea House,${later},Bulk lunch special\nNoodle Bar,${later},Bulk noodle night\n`);
    await byTestId('bulk-file').setInputFiles(good);
    await expect.poll(() => byTestId('bulk-summary').innerText()).toBe('All 2 row(s) are ready.');
    expect(await byTestId('calendar-list').getByTestId('post-row').filter({ hasText: 'Bulk ' }).count()).toBe(0);
    await byTestId('bulk-import').click();
    const imported = byTestId('calendar-list').locator('[data-testid="post-row"][data-state="scheduled"]').filter({ hasText: 'Bulk ' });
    await expect.poll(() => imported.count()).toBe(2);
    await saveScreenshot(page, 'publish-bulk-imported');

    const download = page.waitForEvent('download');
    await byTestId('bulk-export').click();
    const file = await (await download).path();
    const csv = await readFile(file, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toContain('account');
    for (const text of ['Bulk lunch special', 'Bulk noodle night', 'Grand opening this weekend! #tea']) expect(csv).toContain(text);
  });

  it("an account's time zone is changed in the Accounts panel, and its posts show their time there", async () => {
    await byTestId('scheduler-accounts-toggle').click();
    const row = byTestId('accounts-panel').getByTestId('account-row').filter({ hasText: 'Tea House' });
    expect(await row.getByTestId('account-zone').inputValue()).toBe('Asia/Taipei');
    await row.getByTestId('account-zone').selectOption('America/New_York');
    await expect.poll(() => row.getByTestId('account-zone').inputValue()).toBe('America/New_York');
    await row.getByTestId('account-missed').selectOption('mark-missed');
    await expect.poll(() => row.getByTestId('account-missed').inputValue()).toBe('mark-missed');
    const teaRow = byTestId('calendar-list').getByTestId('post-row').filter({ hasText: 'Bulk lunch special' });
    await expect.poll(() => teaRow.innerText()).toContain('(America/New_York)');
    await saveScreenshot(page, 'publish-accounts-panel');
  });
});
