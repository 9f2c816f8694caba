import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { KolPostView } from '../src/shared/kol/post-record.js';
import type { PersonaView } from '../src/shared/kol/persona.js';
import { bridgeCall } from './support/bridge.js';
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

  it('takes a published post\'s numbers by hand and from a CSV checked line by line, written all or nothing', async () => {
    await page.getByTestId('language-quick').selectOption('zh-TW');
    const persona = await bridgeCall<PersonaView>(server, 'kol.personas.create', { nickname: '數據小編', persona: '分享生活小事', model: { provider: 'offline' } });
    const posts: KolPostView[] = [];
    for (const title of ['早安咖啡', '午後散步']) posts.push(await bridgeCall<KolPostView>(server, 'kol.posts.create', { personaId: persona.id, topic: title, title, content: `${title}，今天也很好。`, submit: false }));
    // Published on a platform that reports no numbers (LINE): the state a real publish leaves, written where the outbox would.
    const db = new Database(path.join(server.home, 'studio.sqlite'));
    try {
      for (const p of posts) db.prepare("UPDATE kol_posts SET status = 'published', platform = 'line', published_at = ? WHERE id = ?").run(Date.now() - 3_600_000, p.id);
    } finally {
      db.close();
    }
    await page.getByTestId('nav-kol-learning').click();
    await page.getByTestId('learn-metrics').waitFor();
    await page.getByTestId('metrics-post').selectOption(posts[0]!.id);
    await page.getByTestId('metrics-views').fill('1,200');
    await page.getByTestId('metrics-likes').fill('八十');
    expect(await page.getByTestId('metrics-likes').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('metrics-save').isDisabled()).toBe(true);
    await page.getByTestId('metrics-likes').fill('80');
    await page.getByTestId('metrics-save').click();
    await expect.poll(async () => (await bridgeCall<{ post: KolPostView }>(server, 'kol.posts.get', { id: posts[0]!.id })).post.metrics).toMatchObject({ views: 1200, likes: 80 });

    // A CSV with one bad line writes nothing and says which line and column; fixed, it writes every line.
    const dir = fs.mkdtempSync(path.join(server.home, 'csv-'));
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, `post,views,likes,comments,shares,saves\n${posts[1]!.id},500,40,3,1,2\nnot-a-post,1,1,1,1,1\n`);
    await page.getByTestId('metrics-csv').setInputFiles(bad);
    await page.getByTestId('metrics-csv-problems').waitFor();
    expect(await page.getByTestId('metrics-csv-problem').first().getAttribute('data-line')).toBe('3');
    expect(await page.getByTestId('metrics-csv-problems').innerText()).not.toMatch(/msg\.|kollearn\./);
    expect((await bridgeCall<{ post: KolPostView }>(server, 'kol.posts.get', { id: posts[1]!.id })).post.metrics.views).toBe(0);
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, `post,views,likes,comments,shares,saves\n${posts[1]!.id},500,40,3,1,2\n`);
    await page.getByTestId('metrics-csv').setInputFiles(good);
    await page.getByTestId('metrics-csv-import').click();
    await expect.poll(async () => (await bridgeCall<{ post: KolPostView }>(server, 'kol.posts.get', { id: posts[1]!.id })).post.metrics).toMatchObject({ views: 500, likes: 40, comments: 3, shares: 1, saves: 2 });
    await page.getByTestId('metrics-csv-ready').waitFor({ state: 'detached' });
    expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
