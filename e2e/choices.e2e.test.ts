import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startCloudServer, type CloudServer } from './support/cloud.js';
import { startStudioServer, type StudioServer } from './support/server.js';

const UI_TIMEOUT = 30_000;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

function byTestId(id: string) {
  return page.getByTestId(id);
}

/** The picker's groups, by their labels, as Chromium has them. */
function groupLabels(select: string): Promise<string[]> {
  return byTestId(select).locator('optgroup').evaluateAll((groups) => groups.map((g) => (g as HTMLOptGroupElement).label));
}

function option(select: string, provider: string) {
  return byTestId(select).locator(`option[data-provider="${provider}"]`).first();
}

const KINDS = {
  en: ['KingJam Cloud (credits)', 'Your own key', 'Local / offline'],
  'zh-TW': ['KingJam 雲端（點數）', '你自己的金鑰', '本機／離線'],
  'zh-CN': ['KingJam 云端（积分）', '你自己的密钥', '本地／离线'],
} as const;
const SIGN_IN = { en: 'sign in', 'zh-TW': '請登入', 'zh-CN': '请登录' } as const;
const ADD_KEY = { en: 'add a key', 'zh-TW': '請加入金鑰', 'zh-CN': '请添加密钥' } as const;
const OWN_KEY_LINE = {
  en: 'billed by Google to your own account — no credits',
  'zh-TW': '由 Google 向你自己的帳戶收費 — 不扣點數',
  'zh-CN': '由 Google 向你自己的账户收费 — 不扣积分',
} as const;
type Lang = keyof typeof KINDS;
const LANGS: Lang[] = ['en', 'zh-TW', 'zh-CN'];

/**
 * The three ways to run a model in Chromium through `kingjam serve`: the
 * pickers group KingJam Cloud, your own key and local/offline; a choice that
 * cannot run is disabled and says the one thing to do, and its button does it.
 */
describe('the model picker: three kinds, and what makes a disabled one usable', () => {
  beforeAll(async () => {
    // No Gemini or Replicate key, no Ollama at its address, signed out; keys entered in Settings are kept in an encrypted file.
    [server, browser] = await Promise.all([
      startStudioServer({ GEMINI_API_KEY: '', REPLICATE_API_TOKEN: '', KINGJAM_OLLAMA_URL: 'http://127.0.0.1:9', KINGJAM_SECRET_KEY: 'ab'.repeat(32) }),
      launchChromium(),
    ]);
    ({ context, page } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
  });

  it('groups the writing model on the blog, social and Director pages in each language; signed out, the cloud says sign in', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    for (const language of LANGS) {
      await byTestId('language-quick').selectOption(language);
      for (const [shortcut, pageId, select] of [
        ['Control+Shift+B', 'page-blog', 'blog-model'],
        ['Control+Shift+S', 'page-social', 'social-model'],
        ['Control+Shift+D', 'page-director', 'director-model'],
      ] as const) {
        await page.locator('body').focus();
        await page.keyboard.press(shortcut);
        await byTestId(pageId).waitFor();
        await expect.poll(() => groupLabels(select)).toEqual(KINDS[language]);
        // Once the choices are known: signed out, so the cloud is disabled and says what to do; offline drafts are chosen.
        await expect.poll(() => option(select, 'cloud').isDisabled()).toBe(true);
        expect(await option(select, 'cloud').innerText()).toContain(SIGN_IN[language]);
        expect(await option(select, 'gemini').isDisabled()).toBe(true);
        expect(await option(select, 'gemini').innerText()).toContain(ADD_KEY[language]);
        expect(await byTestId(select).inputValue()).toBe('offline');
        await byTestId(`${select}-action-cloud`).waitFor();
      }
      await expect.poll(() => groupLabels('director-backend')).toEqual(KINDS[language]);
      await saveScreenshot(page, `choices-director-${language}`);
    }
  });

  it('the cloud choice’s button opens the sign-in', async () => {
    await byTestId('language-quick').selectOption('en');
    await page.keyboard.press('Control+Shift+B');
    await byTestId('page-blog').waitFor();
    const signIn = byTestId('blog-model-action-cloud');
    expect(await signIn.getAttribute('data-action')).toBe('sign-in');
    expect(await signIn.innerText()).toBe('Sign in to use KingJam Cloud');
    await signIn.click();
    await byTestId('page-account').waitFor();
    await byTestId('login-form').waitFor();
  });

  it('a stopped Ollama says how to start it', async () => {
    await page.keyboard.press('Control+Shift+B');
    await byTestId('page-blog').waitFor();
    await expect.poll(() => option('blog-model', 'ollama').isDisabled()).toBe(true);
    await byTestId('blog-model-action-ollama').click();
    expect(await byTestId('blog-model-ollama-help').innerText()).toContain('ollama serve');
  });

  it('with no Gemini key, the own-key choice leads to Settings; with one added there, its estimate costs no credits', async () => {
    const addKey = byTestId('blog-model-action-gemini');
    expect(await addKey.getAttribute('data-action')).toBe('add-key');
    expect(await addKey.innerText()).toBe('Add a Gemini key');
    await addKey.click();
    await byTestId('page-settings').waitFor();
    const gemini = byTestId('provider-gemini');
    await gemini.getByTestId('provider-input').fill('AIzaSy-test-key-0001');
    await gemini.getByTestId('provider-save').click();
    await expect.poll(() => gemini.getAttribute('data-configured')).toBe('true');

    await page.keyboard.press('Control+Shift+B');
    await byTestId('page-blog').waitFor();
    await expect.poll(() => option('blog-model', 'gemini').isDisabled()).toBe(false);
    await byTestId('blog-topic').fill('Night markets of Taipei');
    await byTestId('blog-model').selectOption({ label: 'Gemini 3.1 Pro — your Gemini key' });
    expect(await byTestId('blog-model-kind').getAttribute('data-kind')).toBe('own-key');
    for (const language of LANGS) {
      await byTestId('language-quick').selectOption(language);
      const lines = byTestId('estimate-line');
      await expect.poll(() => lines.first().innerText()).toContain(OWN_KEY_LINE[language]);
      expect(await lines.first().getAttribute('data-billing')).toBe('own-key');
      expect(await byTestId('estimate-total').innerText()).toBe({ en: 'No credits', 'zh-TW': '不扣點數', 'zh-CN': '不扣积分' }[language]);
    }
    await saveScreenshot(page, 'choices-own-key-estimate');
  });
});

/** Two calls as the gateway records them in gen_calls (cloud-sync/src/gateway/tables.ts): a blog post charged 12, a scene released. */
function recordCalls(dbFile: string, email: string): void {
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    const { id } = db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: string };
    const insert = db.prepare(
      `INSERT INTO gen_calls (id, user_id, idempotency_key, request_hash, purpose, job_ref, upstream, model, operation, hold_id, held, credits, units, status, error_code, upstream_ref, upstream_files, first_byte_ms, latency_ms, created_at, finished_at)
       VALUES (?, ?, NULL, ?, ?, NULL, ?, ?, ?, NULL, ?, ?, ?, ?, ?, NULL, NULL, NULL, 5000, ?, ?)`,
    );
    const now = Date.now();
    insert.run('e2e-call-1', id, 'a'.repeat(64), 'director-scene', 'replicate', 'kwaivgi/kling-v2.1', 'prediction', 30, 0, '{}', 'released', 'UPSTREAM_FAILED', now - 60_000, now - 60_000);
    insert.run('e2e-call-2', id, 'b'.repeat(64), 'blog', 'gemini', 'gemini-3.1-pro-preview', 'stream', 25, 12, JSON.stringify({ input_tokens: 900, output_tokens: 2_100 }), 'succeeded', null, now, now);
  } finally {
    db.close();
  }
}

const GENERATIONS = {
  en: ['Blog post · Gemini 3.1 Pro · 12 credits', 'Video scene · Kling v2.1 · not charged'],
  'zh-TW': ['部落格文章 · Gemini 3.1 Pro · 12 點', '影片場景 · Kling v2.1 · 未扣點'],
  'zh-CN': ['博客文章 · Gemini 3.1 Pro · 12 点', '视频场景 · Kling v2.1 · 未扣点'],
} as const;

describe('signed in to a real cloud-sync: KingJam Cloud is the default, and the Credits page lists the generations', () => {
  const EMAIL = 'choices-e2e@example.com';
  const PASSWORD = 'correct horse battery staple 12';
  let cloud: CloudServer;

  beforeAll(async () => {
    cloud = await startCloudServer();
    await cloud.register(EMAIL, PASSWORD); // 200 PROMO credits
    recordCalls(cloud.dbFile, EMAIL);
    [server, browser] = await Promise.all([startStudioServer({ KINGJAM_CLOUD_URL: cloud.url, KINGJAM_SECRET_KEY: 'cd'.repeat(32), GEMINI_API_KEY: '' }), launchChromium()]);
    ({ context, page } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    await cloud?.stop();
  });

  it('after signing in, the writing model starts on KingJam Cloud and its estimate is a credits ceiling', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('language-quick').selectOption('en');
    await page.keyboard.press('Control+7');
    await byTestId('login-form').waitFor();
    await byTestId('login-email').fill(EMAIL);
    await byTestId('login-password').fill(PASSWORD);
    await byTestId('login-submit').click();
    await byTestId('account-signed-in').waitFor();

    await page.keyboard.press('Control+Shift+B');
    await byTestId('page-blog').waitFor();
    await expect.poll(() => byTestId('blog-model').inputValue()).toMatch(/^cloud:/);
    expect(await byTestId('blog-model-kind').getAttribute('data-kind')).toBe('cloud');
    expect(await byTestId('blog-model-action-cloud').count()).toBe(0);
    await byTestId('blog-topic').fill('Night markets of Taipei');
    const line = byTestId('estimate-line').first();
    await expect.poll(() => line.getAttribute('data-billing')).toBe('credits');
    expect(await line.innerText()).toMatch(/^Article: up to \d+ credits — charged by actual use, never more$/);
    expect(await byTestId('estimate-total').innerText()).toMatch(/^up to \d+ credits$/);
    // In Chinese the label takes a full-width colon.
    await byTestId('language-quick').selectOption('zh-TW');
    await expect.poll(() => line.innerText()).toMatch(/^文章：最多 \d+ 點 — 依實際用量扣點，絕不超過$/);
    await byTestId('language-quick').selectOption('zh-CN');
    await expect.poll(() => line.innerText()).toMatch(/^文章：最多 \d+ 积分 — 按实际用量扣除，绝不超过$/);
    await byTestId('language-quick').selectOption('en');
  });

  it('lists each generation as purpose · model · credits in each language; a released one was not charged', async () => {
    await page.keyboard.press('Control+6');
    await byTestId('page-credits').waitFor();
    for (const language of LANGS) {
      await byTestId('language-quick').selectOption(language);
      await expect.poll(() => byTestId('generation-line').allInnerTexts()).toEqual(GENERATIONS[language]);
    }
    expect(await byTestId('generation').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual(['succeeded', 'released']);
    await saveScreenshot(page, 'choices-generations');
  });
});
