import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KolPostTransition, KolPostView } from '../src/shared/kol/post-record.js';
import type { PersonaView } from '../src/shared/kol/persona.js';
import type { PublishAccountView } from '../src/shared/publish/post.js';
import { startFakeMetaGraph, type FakeMetaGraph } from '../test/publish/fakes/meta-graph.js';
import { bridgeCall, signInForFacebook } from './support/bridge.js';
import { approveAndScheduleWithKeys, quietHoursAroundNow, reviewRow } from './support/review.js';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startCloudWithMeta } from './support/meta-cloud.js';
import { startStudioServer, type StudioServer } from './support/server.js';

/**
 * The KOL workspace end to end in Chromium: two personas made through the
 * Personas page in zh-TW, drafts sent to review through the bridge, one
 * approved with `a`, undone, approved again and scheduled to the Facebook
 * Page, one rejected with notes through `r`, low-risk ones approved in bulk;
 * the rows are checked through the API and the Review page read in zh-CN and en.
 */

const UI_TIMEOUT = 30_000;
const EMAIL = 'kol-e2e@example.com';
const PASSWORD = 'correct horse battery staple 9';
const PAGES = [{ id: '1000001', name: 'Tea House', token: 'page-token-1' }];

let dir: string;
let cloud: { cloudUrl: string; close: () => Promise<void> };
let graph: FakeMetaGraph;
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let facebook: PublishAccountView;
let first: KolPostView;
let second: KolPostView;

const byTestId = (id: string) => page.getByTestId(id);

const studio = <T>(name: string, input: unknown) => bridgeCall<T>(server, name, input);

const getPost = (id: string) => studio<{ post: KolPostView; history: KolPostTransition[] }>('kol.posts.get', { id });

const row = (id: string) => reviewRow(page, id);

/** No message key shown as itself (a missing text falls back to its key). */
async function rawKeysOn(testId: string): Promise<string[]> {
  const text = await byTestId(testId).innerText();
  return text.match(/\bkol\.[a-zA-Z]+\.[\w.]+/g) ?? [];
}

describe('KOL workspace: personas made in the UI, drafts reviewed with the keyboard, one scheduled to Facebook, one rejected', () => {
  beforeAll(async () => {
    graph = await startFakeMetaGraph({ pages: PAGES });
    dir = await mkdtemp(path.join(tmpdir(), 'kingjam-e2e-kol-'));
    cloud = await startCloudWithMeta({ dir, userToken: graph.userToken, email: EMAIL, password: PASSWORD });
    server = await startStudioServer({ KINGJAM_CLOUD_URL: cloud.cloudUrl, KINGJAM_SECRET_KEY: randomBytes(32).toString('hex'), KINGJAM_META_GRAPH_BASE_URL: graph.url });
    browser = await launchChromium();
    ({ context, page } = await openTab(browser, { timeoutMs: UI_TIMEOUT, height: 900 }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    await cloud?.close();
    await graph?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('signs in; the Facebook Page is a publish account', async () => {
    facebook = await signInForFacebook(page, server, { email: EMAIL, password: PASSWORD, pageName: 'Tea House', timeoutMs: UI_TIMEOUT });
    expect(facebook).toMatchObject({ platform: 'facebook', displayName: 'Tea House' });
  });

  it('creates two personas through the Personas page in zh-TW; an empty form says what is missing and creates nothing', async () => {
    await byTestId('language-quick').selectOption('zh-TW');
    await byTestId('nav-kol-personas').click();
    await byTestId('page-kol-personas').waitFor();
    expect(await page.locator('.page-header__title').innerText()).toBe('KOL 人設');

    await byTestId('personas-new').click();
    await byTestId('persona-dialog').waitFor();
    await byTestId('persona-save').click();
    expect(await byTestId('persona-form-invalid').innerText()).toBe('有 2 個欄位需要修正才能儲存。');
    expect(await byTestId('persona-dialog').getByText('此欄必填。').count()).toBe(2);

    const personas = [
      { nickname: '茶藝小美', persona: '台北的茶藝師，喜歡分享泡茶的小技巧。', expertise: ['茶', '甜點'], tone: 'friendly' },
      { nickname: '理財阿明', persona: '上班族理財達人，用生活例子講存錢。', expertise: ['理財'], tone: 'educational' },
    ];
    for (const [i, p] of personas.entries()) {
      if (i > 0) {
        await byTestId('personas-new').click();
        await byTestId('persona-dialog').waitFor();
      }
      await byTestId('persona-nickname').fill(p.nickname);
      await byTestId('persona-persona').fill(p.persona);
      for (const area of p.expertise) {
        await byTestId('persona-expertise-input').fill(area);
        await byTestId('persona-expertise-input').press('Enter');
      }
      await byTestId('persona-tone').selectOption(p.tone);
      await byTestId(`persona-account-${facebook.id}`).check();
      // Auto-approve warns that posts would skip review; it stays off.
      await byTestId('persona-auto-approve').check();
      expect(await byTestId('persona-auto-approve-warning').innerText()).toContain('略過審核');
      await byTestId('persona-auto-approve').uncheck();
      await saveScreenshot(page, `kol-persona-form-${i + 1}`);
      await byTestId('persona-save').click();
      await byTestId('persona-dialog').waitFor({ state: 'detached' });
    }
    const cards = byTestId('persona-card');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.first().getByTestId('persona-stat-posts').innerText()).toBe('0');

    const saved = await studio<PersonaView[]>('kol.personas.list', {});
    expect(saved.map((p) => p.nickname).sort()).toEqual(['理財阿明', '茶藝小美']);
    const tea = saved.find((p) => p.nickname === '茶藝小美')!;
    expect(tea.expertiseAreas).toEqual(['茶', '甜點']);
    expect(tea.tone.tone).toBe('friendly');
    expect(tea.accountIds).toEqual([facebook.id]);
    expect(tea.autoApprove).toBe(false);

    // Edited: the form opens with what was saved, and only what changed changes.
    await cards.filter({ hasText: '茶藝小美' }).getByTestId('persona-edit').click();
    await byTestId('persona-dialog').waitFor();
    expect(await byTestId('persona-nickname').inputValue()).toBe('茶藝小美');
    expect(await byTestId('persona-tone').inputValue()).toBe('friendly');
    await byTestId('persona-per-day').fill('5');
    const quiet = quietHoursAroundNow();
    await byTestId('persona-quiet-start').fill(quiet.start);
    await byTestId('persona-quiet-end').fill(quiet.end);
    await byTestId('persona-save').click();
    await byTestId('persona-dialog').waitFor({ state: 'detached' });
    const edited = (await studio<PersonaView[]>('kol.personas.list', {})).find((p) => p.id === tea.id)!;
    expect(edited.limits.perDay).toBe(5);
    expect(edited.limits.quietHours).toEqual(quiet);
    expect(edited.expertiseAreas).toEqual(['茶', '甜點']);
    expect(edited.accountIds).toEqual([facebook.id]);
    await saveScreenshot(page, 'kol-personas');
  });

  it('sends two drafts to review through the bridge while the Review page is open: they arrive live (kol.post.updated)', async () => {
    await byTestId('nav-kol-review').click();
    await byTestId('page-kol-review').waitFor();
    expect(await page.locator('.page-header__title').innerText()).toBe('審核');
    await byTestId('review-empty').waitFor();

    const saved = await studio<PersonaView[]>('kol.personas.list', {});
    const tea = saved.find((p) => p.nickname === '茶藝小美')!;
    const money = saved.find((p) => p.nickname === '理財阿明')!;
    first = await studio<KolPostView>('kol.posts.create', { personaId: tea.id, topic: '冬季熱茶', title: '冬天來杯烏龍', content: '天冷了，來一杯熱烏龍吧！分享三個在家泡出好茶的小技巧。', tags: ['烏龍茶', '冬天'], submit: true });
    second = await studio<KolPostView>('kol.posts.create', { personaId: money.id, topic: '存錢', title: '穩賺不賠的秘密', content: '這支基金保證獲利，穩賺不賠，現在不買就虧大了！', tags: ['理財'], submit: true });
    expect([first.status, second.status]).toEqual(['pending_review', 'pending_review']);

    // No reload: the events put them in the queue, newest first.
    await row(first.id).waitFor();
    await row(second.id).waitFor();
    expect(await byTestId('review-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-post-id')))).toEqual([second.id, first.id]);
    expect(await rawKeysOn('page-kol-review')).toEqual([]);
  });

  it('approves the first with a, undoes it from the toast, approves it again, and schedules it to the Facebook Page', async () => {
    await row(first.id).click();
    const detail = byTestId('review-detail');
    await expect.poll(() => detail.getAttribute('data-post-id')).toBe(first.id);
    // k and j move through the queue (newest first: the second post is above the first).
    await page.keyboard.press('k');
    await expect.poll(() => detail.getAttribute('data-post-id')).toBe(second.id);
    await page.keyboard.press('j');
    await expect.poll(() => detail.getAttribute('data-post-id')).toBe(first.id);
    // The preview is the persona's first account's platform, with the characters counted against its limit.
    expect(await byTestId('review-preview').getAttribute('data-platform')).toBe('facebook');
    expect(await byTestId('review-preview-chars').innerText()).toContain('/ 63206');
    await saveScreenshot(page, 'kol-review-first');

    // e edits in place: the text is saved through kol.posts.edit and the preview follows.
    await page.keyboard.press('e');
    const content = byTestId('review-edit-content');
    await content.waitFor();
    const edited = '天冷了，來一杯熱烏龍吧！分享四個在家泡出好茶的小技巧。';
    await content.fill(edited);
    await byTestId('review-edit-save').click();
    await byTestId('review-editor').waitFor({ state: 'detached' });
    await expect.poll(() => byTestId('review-draft-content').innerText()).toBe(edited);
    expect(await byTestId('review-preview').innerText()).toContain('四個');
    expect((await getPost(first.id)).post.content).toBe(edited);

    await page.keyboard.press('a');
    await expect.poll(() => row(first.id).getAttribute('data-status')).toBe('approved');
    await byTestId('toast-undo').click();
    await expect.poll(() => row(first.id).getAttribute('data-status')).toBe('pending_review');
    expect((await getPost(first.id)).post.status).toBe('pending_review');

    await approveAndScheduleWithKeys(page, first.id, facebook.id);

    const { post, history } = await getPost(first.id);
    expect(post.status).toBe('scheduled');
    expect(post.accountId).toBe(facebook.id);
    expect(post.platform).toBe('facebook');
    expect(post.outboxPostId).not.toBeNull();
    expect(post.scheduledAt).not.toBeNull();
    expect(history.map((h) => h.to).slice(-4)).toEqual(['approved', 'pending_review', 'approved', 'scheduled']);
    // The approvals and the undo are the reviewer's (the signed-in account, else this computer's user), not a system part's.
    const reviewer = await studio<{ name: string }>('kol.review.reviewer', {});
    expect(reviewer.name).not.toBe('');
    for (const h of history.slice(-4)) expect(h.actor).toBe(reviewer.name);
    // Nothing went out yet: it waits for its slot.
    expect(graph.publishes).toBe(0);

    await byTestId('review-history').click();
    const drawer = byTestId('review-history-drawer');
    await drawer.waitFor();
    expect(await drawer.getByTestId('review-history-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-to')))).toEqual(history.map((h) => h.to));
    await saveScreenshot(page, 'kol-review-history');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  });

  it('rejects the second with r and a note; the note is required first', async () => {
    await row(second.id).click();
    const detail = byTestId('review-detail');
    await expect.poll(() => detail.getAttribute('data-post-id')).toBe(second.id);
    // The scorer's risky phrases are marked in the title and the text, one <mark> per match, by category.
    const scores = (await getPost(second.id)).post.scores!;
    expect(scores.risk.level).toBe('high');
    expect(scores.risk.matches.length).toBeGreaterThan(0);
    const marks = byTestId('review-draft').locator('mark');
    expect(await marks.count()).toBe(scores.risk.matches.length);
    expect(await marks.evaluateAll((els) => els.map((e) => `${e.className}:${e.textContent}`))).toEqual(
      [...scores.risk.matches].sort((a, b) => a.start - b.start).map((m) => `risk-${m.category}:${m.phrase}`),
    );
    expect(await byTestId('review-risk').innerText()).toBe('高風險');
    expect(await byTestId('review-ai-estimate').innerText()).toBe('估計值');
    expect(await byTestId('review-quality-checks').locator('li').count()).toBe(scores.quality.checks.length);

    await page.keyboard.press('r');
    const notes = byTestId('review-notes-input');
    await notes.waitFor();
    // While typing, a, j and r type letters rather than act.
    await notes.pressSequentially('ajr');
    expect(await row(second.id).getAttribute('data-status')).toBe('pending_review');
    await notes.fill('');
    await byTestId('review-notes-send').click();
    expect(await byTestId('review-notes-required').innerText()).toBe('請先寫下給撰寫者的備註。');
    await notes.fill('保證獲利的說法違反金管會規定，請改寫。');
    await byTestId('review-notes-send').click();
    await expect.poll(() => row(second.id).getAttribute('data-status')).toBe('rejected');

    const { post, history } = await getPost(second.id);
    expect(post.status).toBe('rejected');
    expect(post.reviewerNotes).toBe('保證獲利的說法違反金管會規定，請改寫。');
    const last = history.at(-1)!;
    expect(last.to).toBe('rejected');
    expect(last.note).toBe('保證獲利的說法違反金管會規定，請改寫。');
    expect(last.actor).toBe((await studio<{ name: string }>('kol.review.reviewer', {})).name);
    await saveScreenshot(page, 'kol-review-rejected');
  });

  it('sends a third draft back with Request changes and a note', async () => {
    const tea = (await studio<PersonaView[]>('kol.personas.list', {})).find((p) => p.nickname === '茶藝小美')!;
    const third = await studio<KolPostView>('kol.posts.create', { personaId: tea.id, topic: '茶點', title: '午茶配什麼', content: '今天的午茶配上鳳梨酥，剛剛好。', tags: [], submit: true });
    await row(third.id).click();
    await expect.poll(() => byTestId('review-detail').getAttribute('data-post-id')).toBe(third.id);
    await byTestId('review-request-changes').click();
    expect(await byTestId('review-notes').getAttribute('data-mode')).toBe('changes');
    await byTestId('review-notes-input').fill('請加上一張照片的說明。');
    await byTestId('review-notes-input').press('Control+Enter');
    await expect.poll(() => row(third.id).getAttribute('data-status')).toBe('needs_changes');
    const { post, history } = await getPost(third.id);
    expect(post.reviewerNotes).toBe('請加上一張照片的說明。');
    expect(history.at(-1)).toMatchObject({ from: 'pending_review', to: 'needs_changes', note: '請加上一張照片的說明。' });
  });

  it('approves the low-risk drafts in bulk after saying how many, and undoes that from the toast', async () => {
    const money = (await studio<PersonaView[]>('kol.personas.list', {})).find((p) => p.nickname === '理財阿明')!;
    const calm = [];
    for (const content of ['今天整理了記帳本，每月固定存下一點點。', '分享我的早餐預算：一週兩百元也能吃得好。']) {
      calm.push(await studio<KolPostView>('kol.posts.create', { personaId: money.id, topic: '記帳', title: '', content, tags: [], submit: true }));
    }
    expect(calm.map((p) => p.scores?.risk.level)).toEqual(['low', 'low']);
    for (const p of calm) await row(p.id).waitFor();
    await byTestId('review-bulk-approve').click();
    const dialog = byTestId('confirm-ok');
    await dialog.waitFor();
    expect(await page.getByRole('dialog').locator('.dialog__title').innerText()).toBe('要核准 2 則低風險貼文嗎？');
    await dialog.click();
    for (const p of calm) await expect.poll(() => row(p.id).getAttribute('data-status')).toBe('approved');
    expect((await Promise.all(calm.map((p) => getPost(p.id)))).map((r) => r.post.status)).toEqual(['approved', 'approved']);
    await byTestId('toast-undo').last().click();
    for (const p of calm) await expect.poll(() => row(p.id).getAttribute('data-status')).toBe('pending_review');
    expect((await Promise.all(calm.map((p) => getPost(p.id)))).map((r) => r.post.status)).toEqual(['pending_review', 'pending_review']);
  });

  it('shows the Review page in zh-CN and en: its labels, states and the shortcut list, with no raw keys', async () => {
    await byTestId('review-filter-status').selectOption('');
    await row(first.id).waitFor();
    for (const [language, words] of [
      ['zh-CN', { title: '审核', nav: '审核', scheduled: '已排期', rejected: '已驳回', keys: '审核快捷键' }],
      ['en', { title: 'Review', nav: 'Review', scheduled: 'Scheduled', rejected: 'Rejected', keys: 'Review keys' }],
    ] as const) {
      await byTestId('language-quick').selectOption(language);
      // Polled: the page re-renders in the new language a moment after the switch; the rest is read once it has.
      await expect.poll(() => page.locator('.page-header__title').innerText(), { timeout: 10_000 }).toBe(words.title);
      expect(await byTestId('nav-kol-review').innerText()).toContain(words.nav);
      expect(await row(first.id).getByTestId('review-row-status').innerText()).toBe(words.scheduled);
      expect(await row(second.id).getByTestId('review-row-status').innerText()).toBe(words.rejected);
      await row(second.id).click();
      expect(await rawKeysOn('page-kol-review')).toEqual([]);
      await page.keyboard.press('?');
      const keys = byTestId('review-shortcuts');
      await keys.waitFor();
      expect(await keys.locator('.dialog__title').innerText()).toBe(words.keys);
      expect(await rawKeysOn('review-shortcuts')).toEqual([]);
      await saveScreenshot(page, `kol-review-${language}`);
      await page.keyboard.press('Escape');
      await keys.waitFor({ state: 'detached' });
    }
  });

  it('exports the personas as JSON; an import with problems lists each by persona and field and creates nothing; a clean one creates them', async () => {
    await byTestId('language-quick').selectOption('en');
    await byTestId('nav-kol-personas').click();
    await byTestId('page-kol-personas').waitFor();
    const download = page.waitForEvent('download');
    await byTestId('personas-export').click();
    const exported = JSON.parse(await readFile(await (await download).path(), 'utf8')) as { kind: string; personas: { nickname: string; tone: { tone: string } }[] };
    expect(exported.kind).toBe('kingjam.kol-personas');
    expect(exported.personas.map((p) => p.nickname).sort()).toEqual(['理財阿明', '茶藝小美']);

    const broken = structuredClone(exported) as unknown as { personas: Record<string, unknown>[] };
    delete broken.personas[0]!.persona;
    (broken.personas[1]!.tone as { tone: string }).tone = 'shouty';
    const bad = path.join(dir, 'bad-personas.json');
    await writeFile(bad, JSON.stringify(broken));
    await byTestId('personas-import-file').setInputFiles(bad);
    const problems = byTestId('persona-import-problem');
    await problems.first().waitFor();
    expect(await problems.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-persona')}:${r.getAttribute('data-field')}`))).toEqual(['1:persona', '2:tone.tone']);
    expect(await problems.first().innerText()).toContain(`Persona 1 (${broken.personas[0]!.nickname as string})`);
    expect(await byTestId('persona-card').count()).toBe(2);
    expect((await studio<PersonaView[]>('kol.personas.list', {})).length).toBe(2);

    const clean = path.join(dir, 'personas.json');
    await writeFile(clean, JSON.stringify({ ...exported, personas: exported.personas.map((p) => ({ ...p, nickname: `${p.nickname} 2` })) }));
    await byTestId('personas-import-file').setInputFiles(clean);
    await expect.poll(() => byTestId('persona-card').count()).toBe(4);
    const all = await studio<PersonaView[]>('kol.personas.list', {});
    expect(all.map((p) => p.nickname).sort()).toEqual(['理財阿明', '理財阿明 2', '茶藝小美', '茶藝小美 2']);
    await saveScreenshot(page, 'kol-personas-imported');
  });
});
