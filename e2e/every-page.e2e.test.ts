import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';
import { chineseWithoutFallback, englishCatalogText, englishRuns, rawKeys, visibleText, wrongScript } from './support/visible-text.js';

/**
 * The every-page sweep: from a fresh data folder with the offline provider,
 * each page of the sidebar (and the views one click away: the photo tools,
 * the new-character board, the series editor, the composer…) in zh-TW, zh-CN
 * and en. On each: nothing thrown, no console error, no CSP violation, no raw
 * message key or unfilled {placeholder}, no English catalog text or
 * hard-coded English in Chinese (nor Chinese in English), no character of
 * the other Chinese script, and no Chinese text in a font stack without the
 * bundled Chinese fallback (empty boxes on a machine with no Chinese font).
 */
const UI_TIMEOUT = 20_000;
const LANGUAGES = ['zh-TW', 'zh-CN', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

/** A view one click away from a page, and how to leave it (Escape for a dialog). */
interface SubView {
  name: string;
  click: string;
  /** What shows once it is open. */
  shows: string;
  close?: 'Escape' | string;
  /** How long the view waits before asking main for something (a debounced preview). */
  debounceMs?: number;
}

const PAGES: { nav: string; ready: string; sub?: SubView[] }[] = [
  { nav: 'dashboard', ready: 'page-dashboard', sub: [{ name: 'shortcuts', click: 'shortcut-help-open', shows: 'shortcut-help', close: 'Escape' }] },
  { nav: 'library', ready: 'page-library' },
  { nav: 'video', ready: 'page-video' },
  { nav: 'blog', ready: 'page-blog' },
  { nav: 'social', ready: 'page-social' },
  { nav: 'director', ready: 'page-director' },
  {
    nav: 'photo',
    ready: 'page-photo',
    sub: [
      { name: 'makeover', click: 'photo-tab-makeover', shows: 'photo-tab-makeover' },
      { name: 'repair', click: 'photo-tab-repair', shows: 'photo-tab-repair' },
      { name: 'fuse', click: 'photo-tab-fuse', shows: 'photo-tab-fuse' },
    ],
  },
  { nav: 'characters', ready: 'characters-page', sub: [{ name: 'board', click: 'character-new', shows: 'character-back', close: 'character-back' }] },
  { nav: 'styles', ready: 'styles-page' },
  { nav: 'ink', ready: 'page-ink' },
  { nav: 'builder3d', ready: 'page-builder3d' },
  { nav: 'box-series', ready: 'page-box-series', sub: [{ name: 'editor', click: 'series-new', shows: 'series-back', close: 'series-back' }] },
  {
    nav: 'scheduler',
    ready: 'page-scheduler',
    sub: [
      { name: 'composer', click: 'scheduler-new', shows: 'composer', close: 'Escape' },
      { name: 'accounts', click: 'scheduler-accounts-toggle', shows: 'accounts-panel', close: 'scheduler-accounts-toggle' },
      { name: 'bulk', click: 'scheduler-bulk-toggle', shows: 'bulk-panel', close: 'scheduler-bulk-toggle' },
    ],
  },
  { nav: 'kol-personas', ready: 'page-kol-personas', sub: [{ name: 'editor', click: 'personas-new', shows: 'persona-dialog', close: 'Escape' }] },
  { nav: 'kol-review', ready: 'page-kol-review' },
  { nav: 'kol-batches', ready: 'page-kol-batches' },
  { nav: 'kol-triggers', ready: 'page-kol-triggers', sub: [{ name: 'editor', click: 'trig-new', shows: 'trig-form', debounceMs: 700 }] },
  { nav: 'kol-learning', ready: 'page-kol-learning' },
  {
    nav: 'kol-rules',
    ready: 'page-kol-rules',
    sub: [
      { name: 'editor', click: 'rules-add', shows: 'rule-editor', close: 'Escape' },
      { name: 'reset', click: 'rules-reset', shows: 'rules-reset-dialog', close: 'Escape' },
    ],
  },
  { nav: 'box-shop', ready: 'page-box-shop' },
  { nav: 'box-collection', ready: 'page-box-collection' },
  { nav: 'box-market', ready: 'page-box-market' },
  { nav: 'box-verify', ready: 'page-box-verify' },
  { nav: 'history', ready: 'page-history' },
  { nav: 'credits', ready: 'page-credits' },
  {
    nav: 'account',
    ready: 'page-account',
    sub: [
      { name: 'advanced', click: 'login-advanced', shows: 'login-form' },
      { name: 'signup', click: 'login-create', shows: 'signup-form', close: 'signup-back' },
      { name: 'reset', click: 'login-forgot', shows: 'reset-form', close: 'reset-back' },
    ],
  },
  { nav: 'referrals', ready: 'page-referrals' },
  { nav: 'profile', ready: 'page-profile' },
  { nav: 'connections', ready: 'page-connections' },
  { nav: 'settings', ready: 'page-settings' },
];

/**
 * Runs of three English words or more a Chinese page may show, each judged:
 * names of products, models and formats, and what the user or a platform
 * names itself, are not translated.
 */
const ALLOWED_ENGLISH_RUNS: RegExp[] = [
  /^Gemini( \w+)+$/, // a model's name as its provider lists it
  /^kingjam( [a-z-]+)+$/, // a CLI command the page tells the user to run
  /^post,views,likes,comments,shares,saves$/, // the metrics CSV's header, typed as is
];

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
/** Each error answer of the bridge, with its code: the console's "Failed to load resource" names neither. */
const answers: string[] = [];
/** Bodies of error answers still being read (see the response handler). */
const answerReads: Promise<unknown>[] = [];
const findings: string[] = [];
/** Console lines "Failed to load resource" so far, in every view. */
const failedLoadLines = (): string[] => pageErrors.filter((e) => /^Failed to load resource/.test(e));
const failedLoads = (): number => failedLoadLines().length;
/** Failed loads already reported as explained by no answer. */
let unexplainedSoFar = 0;

/** Waits until the page's text stops changing (its lists have loaded), at most a few seconds. */
async function settle(): Promise<void> {
  let last = '';
  for (let i = 0; i < 20; i++) {
    const now = await page.evaluate(() => document.body.innerText);
    if (now === last && !/…$/m.test(now.split('\n').find((l) => /^(Loading|載入中|加载中)/.test(l)) ?? '')) return;
    last = now;
    await page.waitForTimeout(150);
  }
}

/** Where each view's errors start in pageErrors and answers. */
type Marks = [number, number];
const marks = (): Marks => [pageErrors.length, answers.length];

/**
 * A fresh data folder is signed in to no cloud: the pages that list publishing
 * accounts are refused NOT_SIGNED_IN and say so in the user's language (checked
 * with the rest of the text). Any other error answer is a finding.
 */
const EXPECTED_ANSWERS = [/^HTTP 403 \/api\/(publish\.accounts|connections\.clients) NOT_SIGNED_IN\b/];

async function check(view: string, language: Language, [errorsBefore, answersBefore]: Marks): Promise<void> {
  await settle();
  await Promise.all(answerReads.splice(0));
  const text = await visibleText(page);
  const where = `${language} ${view}`;
  const answered = answers.slice(answersBefore);
  for (const a of answered) if (!EXPECTED_ANSWERS.some((re) => re.test(a))) findings.push(`${where}: error answer: ${a}`);
  // The console's line for an error answer is the answer above, judged there.
  for (const e of pageErrors.slice(errorsBefore)) if (!/^Failed to load resource: the server responded with a status of 4\d\d/.test(e)) findings.push(`${where}: error: ${e}`);
  // A failed load's console line and its response event come in either order, and either may land
  // in the next view's window: totals are compared, once the answers have caught up (a few seconds
  // at most), and only a shortfall not reported before is this view's.
  for (let i = 0; i < 30 && answers.length + unexplainedSoFar < failedLoads(); i++) {
    await page.waitForTimeout(100);
    await Promise.all(answerReads.splice(0));
  }
  const unexplained = failedLoads() - answers.length - unexplainedSoFar;
  if (unexplained > 0) {
    findings.push(`${where}: ${unexplained} failed loads that are no bridge answer (${[...new Set(failedLoadLines())].join(' | ')})`);
    unexplainedSoFar += unexplained;
  }
  for (const k of rawKeys(text)) findings.push(`${where}: raw key or placeholder: ${k}`);
  for (const f of await chineseWithoutFallback(page)) findings.push(`${where}: Chinese in a font with no Chinese fallback: ${f}`);
  if (language === 'en') {
    const chinese = text.match(/[\u3400-\u9fff]+/g) ?? [];
    for (const run of new Set(chinese)) findings.push(`${where}: Chinese text: “${run}”`);
  } else {
    for (const s of englishCatalogText(text)) findings.push(`${where}: English catalog text: “${s}”`);
    for (const run of englishRuns(text)) if (!ALLOWED_ENGLISH_RUNS.some((re) => re.test(run))) findings.push(`${where}: English run: “${run}”`);
    for (const w of wrongScript(text, language)) findings.push(`${where}: other script: ${w}`);
  }
  const name = `every-page-${view.replace(/\W+/g, '-')}-${language}`;
  await saveScreenshot(page, name);
  // The text each check read, beside its screenshot, for a person to review what no list catches.
  await writeFile(path.join(ARTIFACTS, `${name}.txt`), text);
}

async function leaveDialogs(): Promise<void> {
  for (let i = 0; i < 3 && (await page.locator('dialog[open]').count()) > 0; i++) await page.keyboard.press('Escape');
}

describe('every page of the studio, in each language', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startStudioServer(), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
    // A console "Failed to load resource" names no URL: this does.
    // The body is read asynchronously: check() waits for these reads, or an answer whose body is still on
    // its way would count as a failed load no answer explains.
    page.on('response', (res) => {
      if (res.status() < 400) return;
      const where = `HTTP ${res.status()} ${new URL(res.url()).pathname}`;
      answerReads.push(
        res
          .json()
          .then((body: { error?: { code?: string; key?: string } }) => answers.push(`${where} ${body.error?.code ?? '?'} ${body.error?.key ?? ''}`.trim()))
          .catch(() => answers.push(where)),
      );
    });
    await page.goto(server.url);
    await page.getByTestId('page-dashboard').waitFor();
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
  });

  for (const language of LANGUAGES) {
    it(`shows every page in ${language} with no error, no raw key, no other language and no other script`, async () => {
      await page.getByTestId('language-quick').selectOption(language);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      const before = findings.length;
      for (const p of PAGES) {
        await leaveDialogs();
        const errors = marks();
        await page.getByTestId(`nav-${p.nav}`).click();
        await page.getByTestId(p.ready).waitFor();
        await check(p.nav, language, errors);
        for (const sub of p.sub ?? []) {
          const subErrors = marks();
          await page.getByTestId(sub.click).click();
          await page.getByTestId(sub.shows).first().waitFor();
          if (sub.debounceMs) await page.waitForTimeout(sub.debounceMs + 300);
          await check(`${p.nav}-${sub.name}`, language, subErrors);
          if (sub.close === 'Escape') await page.keyboard.press('Escape');
          else if (sub.close) await page.getByTestId(sub.close).click();
        }
      }
      expect(findings.slice(before)).toEqual([]);
    });
  }
});
