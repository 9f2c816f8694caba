import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KolPostPage } from '../src/shared/api/kol-contract.js';
import type { KolPostTransition, KolPostView } from '../src/shared/kol/post-record.js';
import type { PersonaView } from '../src/shared/kol/persona.js';
import { TRIGGERS_ALLOW_PRIVATE_ENV, type KolScheduleView, type KolTriggerRunView } from '../src/shared/kol/triggers.js';
import type { PublishAccountView } from '../src/shared/publish/post.js';
import { startFakeFeeds, type FakeFeeds } from '../test/kol/fakes/feeds.js';
import { startFakeMetaGraph, type FakeMetaGraph } from '../test/publish/fakes/meta-graph.js';
import { bridgeCall, signInForFacebook } from './support/bridge.js';
import { approveAndScheduleWithKeys, quietHoursAroundNow, reviewRow } from './support/review.js';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startCloudWithMeta } from './support/meta-cloud.js';
import { startStudioServer, type StudioServer } from './support/server.js';

/**
 * The trigger path end to end in Chromium: a loopback RSS feed with
 * one news item; a `news` schedule made on the Triggers page in zh-TW with
 * two offline personas and two posts per item; its first check fires it, the batch
 * writes one draft per persona in real `kol.write` workers, the Review page
 * shows both with the item as their topic; one approved with `a` and
 * scheduled to the Facebook Page, one rejected with `r` and notes; the rows
 * carry the schedule and the item's guid; "run now" polls again and fires nothing new.
 */

const UI_TIMEOUT = 30_000;
const BATCH_TIMEOUT = 90_000;
const EMAIL = 'kol-trigger-e2e@example.com';
const PASSWORD = 'correct horse battery staple 9';
const PAGES = [{ id: '1000001', name: 'Tea House', token: 'page-token-1' }];
const ITEM = { guid: 'cna-2027-0301-001', title: '台積電法說會釋出樂觀展望', link: 'https://news.example.tw/a/2027/0301-001', description: '第二季營收預估成長，AI 需求強勁。', pubDate: new Date('2027-03-01T01:00:00Z') };
const NOTES = '這篇和另一篇角度太像，請換個切入點。';

let dir: string;
let feeds: FakeFeeds;
let cloud: { cloudUrl: string; close: () => Promise<void> };
let graph: FakeMetaGraph;
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let facebook: PublishAccountView;
let personas: PersonaView[];
let schedule: KolScheduleView;
let drafts: KolPostView[];

const byTestId = (id: string) => page.getByTestId(id);
const studio = <T>(name: string, input: unknown) => bridgeCall<T>(server, name, input);
const getPost = (id: string) => studio<{ post: KolPostView; history: KolPostTransition[] }>('kol.posts.get', { id });
const allPosts = async () => (await studio<KolPostPage>('kol.posts.list', { filter: {}, limit: 200 })).items;
const row = (id: string) => reviewRow(page, id);
const scheduleRow = () => byTestId('trig-list').locator(`[data-testid="trig-row"][data-schedule-id="${schedule.id}"]`);

describe('KOL trigger: a news item fires a schedule, two personas write, one draft scheduled, one rejected', () => {
  beforeAll(async () => {
    feeds = await startFakeFeeds();
    feeds.rss = [ITEM];
    graph = await startFakeMetaGraph({ pages: PAGES });
    dir = await mkdtemp(path.join(tmpdir(), 'kingjam-e2e-kol-trigger-'));
    cloud = await startCloudWithMeta({ dir, userToken: graph.userToken, email: EMAIL, password: PASSWORD });
    server = await startStudioServer({
      KINGJAM_CLOUD_URL: cloud.cloudUrl,
      KINGJAM_SECRET_KEY: randomBytes(32).toString('hex'),
      KINGJAM_META_GRAPH_BASE_URL: graph.url,
      // The feed is on 127.0.0.1, which the SSRF guard refuses otherwise.
      [TRIGGERS_ALLOW_PRIVATE_ENV]: '1',
    });
    browser = await launchChromium();
    ({ context, page } = await openTab(browser, { timeoutMs: UI_TIMEOUT, height: 1000 }));
    facebook = await signInForFacebook(page, server, { email: EMAIL, password: PASSWORD, pageName: 'Tea House', timeoutMs: UI_TIMEOUT });
    personas = [];
    for (const p of [
      { nickname: '科技小安', persona: '半導體產業分析師，用淺白的話講科技新聞。', expertiseAreas: ['半導體'], tone: { tone: 'educational' } },
      { nickname: '投資阿哲', persona: '上班族投資人，分享看新聞做功課的心得。', expertiseAreas: ['理財'], tone: { tone: 'friendly' } },
    ]) {
      personas.push(await studio<PersonaView>('kol.personas.create', { ...p, model: { provider: 'offline' }, accountIds: [facebook.id], limits: { quietHours: quietHoursAroundNow() } }));
    }
  }, 180_000);

  afterAll(async () => {
    await closeBrowser(context, browser);
    if (server && process.env.KINGJAM_E2E_LOG) console.log(server.log());
    await server?.stop();
    await cloud?.close();
    await graph?.close();
    await feeds?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates a news schedule on the Triggers page in zh-TW; its timer fires on the news item: one run, a success', async () => {
    await byTestId('language-quick').selectOption('zh-TW');
    await byTestId('nav-kol-triggers').click();
    await byTestId('page-kol-triggers').waitFor();
    expect(await page.locator('.page-header__title').innerText()).toBe('觸發器與排程');
    await byTestId('trig-empty').waitFor();

    await byTestId('trig-new').click();
    await byTestId('trig-form').waitFor();
    await byTestId('trig-title').fill('半導體新聞');
    await byTestId('trig-type').selectOption('news');
    await byTestId('trig-feeds').fill(`${feeds.url}/rss.xml`);
    await byTestId('trig-keywords').fill('台積電, 晶圓');
    const choices = byTestId('trig-personas');
    for (const p of personas) await choices.getByRole('checkbox', { name: p.nickname }).check();
    await page.getByLabel('每則項目的貼文數').fill('2');
    // The live preview reads the feed: the item is listed, matching the keywords.
    const previewed = byTestId('trig-preview-items').locator('li', { hasText: ITEM.title });
    await previewed.waitFor();
    expect(await previewed.getAttribute('data-matches')).toBe('true');
    await saveScreenshot(page, 'kol-trigger-form');
    await byTestId('trig-save').click();
    await byTestId('trig-form').waitFor({ state: 'detached' });

    const saved = await studio<KolScheduleView[]>('kol.triggers.list', {});
    expect(saved).toHaveLength(1);
    schedule = saved[0]!;
    expect(schedule.trigger).toMatchObject({ type: 'news', feeds: [`${feeds.url}/rss.xml`], keywords: ['台積電', '晶圓'] });
    expect(schedule.personaIds.slice().sort()).toEqual(personas.map((p) => p.id).sort());
    expect(schedule.postsPerRun).toBe(2);
    expect(schedule.status).toBe('active');
    // A feed schedule checks its feeds at once when saved (then every pollMinutes): its timer fires on the new item.
    // The page reads the list again when that run's batch starts and ends (kol.batch), not only on its 15 s refresh.
    await expect.poll(() => scheduleRow().getByTestId('trig-counts').innerText(), { timeout: 10_000, interval: 250 }).toBe('執行 1 次 · 成功 1 · 錯誤 0');
    expect(await scheduleRow().getByTestId('trig-last-error').innerText()).toBe('—');
    await saveScreenshot(page, 'kol-trigger-fired');

    const { runs } = await studio<{ schedule: KolScheduleView; runs: KolTriggerRunView[] }>('kol.triggers.get', { id: schedule.id });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ outcome: 'started', items: [ITEM.guid] });
    expect(runs[0]!.batchId).not.toBeNull();
  });

  it('writes one draft per persona in kol.write workers; the Review page lists both with the news item as their topic', async () => {
    await expect
      .poll(async () => (await allPosts()).filter((p) => p.status === 'pending_review').length, { timeout: BATCH_TIMEOUT, interval: 500 })
      .toBe(2);
    drafts = await allPosts();
    expect(drafts).toHaveLength(2);
    expect(drafts.map((d) => d.personaId).sort()).toEqual(personas.map((p) => p.id).sort());
    for (const d of drafts) {
      expect(d.topic).toBe(ITEM.title);
      expect(d.triggerId).toBe(schedule.id);
      expect(d.triggerItem).toBe(ITEM.guid);
      expect(d.content.length).toBeGreaterThan(0);
    }

    await byTestId('nav-kol-review').click();
    await byTestId('page-kol-review').waitFor();
    for (const d of drafts) {
      await row(d.id).waitFor();
      expect(await row(d.id).innerText()).toContain(ITEM.title);
    }
    expect(await byTestId('review-row').count()).toBe(2);
    await saveScreenshot(page, 'kol-trigger-review');
  });

  it('approves one with a and schedules it to the Facebook Page; rejects the other with r and notes', async () => {
    const [approveMe, rejectMe] = drafts as [KolPostView, KolPostView];
    const detail = byTestId('review-detail');

    await approveAndScheduleWithKeys(page, approveMe.id, facebook.id);

    await row(rejectMe.id).click();
    await expect.poll(() => detail.getAttribute('data-post-id')).toBe(rejectMe.id);
    await page.keyboard.press('r');
    await byTestId('review-notes-input').fill(NOTES);
    await byTestId('review-notes-send').click();
    await expect.poll(() => row(rejectMe.id).getAttribute('data-status')).toBe('rejected');
    await saveScreenshot(page, 'kol-trigger-reviewed');

    const reviewer = await studio<{ name: string }>('kol.review.reviewer', {});
    const scheduled = await getPost(approveMe.id);
    expect(scheduled.post).toMatchObject({ status: 'scheduled', accountId: facebook.id, platform: 'facebook', triggerId: schedule.id, triggerItem: ITEM.guid });
    expect(scheduled.post.outboxPostId).not.toBeNull();
    expect(scheduled.post.scheduledAt).not.toBeNull();
    expect(scheduled.history.map((h) => h.to).slice(-2)).toEqual(['approved', 'scheduled']);
    expect(scheduled.history.at(-2)!.actor).toBe(reviewer.name);

    const rejected = await getPost(rejectMe.id);
    expect(rejected.post).toMatchObject({ status: 'rejected', reviewerNotes: NOTES, triggerId: schedule.id, triggerItem: ITEM.guid });
    expect(rejected.history.at(-1)).toMatchObject({ from: 'pending_review', to: 'rejected', note: NOTES, actor: reviewer.name });
    // Waiting for its slot: nothing went out yet.
    expect(graph.publishes).toBe(0);
  });

  it('polls the feed again: the same item does not fire twice (no new run, no new drafts)', async () => {
    const before = feeds.hits.get('/rss.xml') ?? 0;
    await byTestId('nav-kol-triggers').click();
    await byTestId('page-kol-triggers').waitFor();
    await scheduleRow().getByTestId('trig-run').click();
    await page.getByText('「半導體新聞」沒有觸發。').waitFor();
    await page.getByText('沒有新的內容可寫。').waitFor();
    // The feed was read again; its only item is already used by this schedule.
    expect(feeds.hits.get('/rss.xml')! - before).toBe(1);
    const after = await studio<{ schedule: KolScheduleView; runs: KolTriggerRunView[] }>('kol.triggers.get', { id: schedule.id });
    // A check that finds nothing is not an execution: the counts stay at the one run that fired.
    expect(after.runs).toHaveLength(1);
    expect(after.schedule).toMatchObject({ executionCount: 1, successCount: 1, errorCount: 0 });
    expect(await scheduleRow().getByTestId('trig-counts').innerText()).toBe('執行 1 次 · 成功 1 · 錯誤 0');
    // Give a batch that should not exist the time one would take to start.
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await allPosts()).map((p) => p.id).sort()).toEqual(drafts.map((d) => d.id).sort());
    await saveScreenshot(page, 'kol-trigger-second-poll');
  });
});
