import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taiwanId } from '../cloud-sync/test/support/boxes.js';
import type { CharacterView } from '../src/shared/api/character-contract.js';
import type { OwnedItemView } from '../src/shared/boxes/wire.js';
import { bridgeCall } from './support/bridge.js';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startCloudServer, type CloudServer } from './support/cloud.js';
import { REPO_ROOT, startStudioServer, type StudioServer } from './support/server.js';

/**
 * Blind boxes end to end (issue 18) in Chromium through `kingjam serve`
 * against a real `kingjam-cloud serve`: the creator makes a series from two
 * characters on the Series editor (zh-TW) and opens sales; a buyer with an
 * approved adult identity opens three boxes in the Shop (zh-CN); the creator
 * reveals the seed; the buyer verifies an opening and lists a duplicate; a
 * third user buys it on the Market (en). Balances and collections are read
 * from the cloud after each step.
 */
const UI_TIMEOUT = 30_000;
const PASSWORD = 'correct horse battery staple 18';
const CREATOR = 'box-creator@example.com';
const BUYER = 'box-buyer@example.com';
const COLLECTOR = 'box-collector@example.com';
const PRICE = 25;
const RESALE = 40;
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let cloud: CloudServer;
let server: StudioServer;
/** The third user's own studio: one device shared by seller and buyer is a fraud signal the market refuses. */
let otherServer: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let adminToken = '';
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const byTestId = (id: string) => page.getByTestId(id);

async function cloudCall<T>(method: string, route: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${cloud.url}${route}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

async function login(email: string): Promise<string> {
  return (await cloudCall<{ access_token: string }>('POST', '/v1/auth/login', { email, password: PASSWORD })).access_token;
}

const balance = async (email: string) => cloudCall<{ total: number; buckets: { PAID: { available: number } } }>('GET', '/v1/ledger/balance', undefined, await login(email));
const collection = async (email: string) => cloudCall<OwnedItemView[]>('GET', '/v1/boxes/collection', undefined, await login(email));

/** `kingjam-cloud admin create` on the running cloud's database, then its session. */
async function makeAdmin(): Promise<string> {
  const email = 'box-admin@example.com';
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cloud-sync/src/main.ts', 'admin', 'create', '--email', email, '--password', PASSWORD, '--db', cloud.dbFile], { cwd: REPO_ROOT, stdio: 'ignore' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`admin create exited ${code}`))));
  });
  return login(email);
}

/** An identity with an adult birth date, approved by the admin, and PAID credits (the user "bought" them). */
async function adultWithCredits(email: string, paid: number): Promise<void> {
  const token = tokens[email]!;
  const up = await fetch(`${cloud.url}/v1/verification/identity/document`, { method: 'POST', headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${token}` }, body: PNG_1X1 });
  const { document_id } = (await up.json()) as { document_id: string };
  const sub = await cloudCall<{ id: string; user_id: string }>('POST', '/v1/verification/identity', { national_id: taiwanId(), full_name: 'Box Buyer', document_id, birth_date: '1992-03-04' }, token);
  await cloudCall('POST', `/v1/admin/verifications/${sub.id}/decision`, { decision: 'approved', note: 'document matches' }, adminToken);
  ids[email] = sub.user_id;
  await cloudCall('POST', '/v1/admin/grants', { id: crypto.randomUUID(), user_id: sub.user_id, bucket: 'PAID', amount: paid, reason: 'e2e credits' }, adminToken);
}

/** Signs the studio in as `email` (through its bridge, as the Account page does) and reloads on the page `nav` in `language`. */
async function signInAs(email: string, language: 'zh-TW' | 'zh-CN' | 'en', nav: string, studio: StudioServer = server): Promise<void> {
  await bridgeCall(studio, 'account.logout', {}).catch(() => undefined);
  await bridgeCall(studio, 'account.login', { email, password: PASSWORD });
  await page.goto(studio.url);
  await byTestId('language-quick').waitFor();
  await byTestId('language-quick').selectOption(language);
  await byTestId(`nav-${nav}`).click();
}

describe('blind boxes from the Series editor to the Market, in Chromium', () => {
  beforeAll(async () => {
    cloud = await startCloudServer();
    for (const email of [CREATOR, BUYER, COLLECTOR]) tokens[email] = await cloud.register(email, PASSWORD);
    adminToken = await makeAdmin();
    await adultWithCredits(COLLECTOR, 300);
    const env = () => ({ KINGJAM_CLOUD_URL: cloud.url, KINGJAM_SECRET_KEY: randomBytes(32).toString('hex'), GEMINI_API_KEY: '', REPLICATE_API_TOKEN: '' });
    [server, otherServer, browser] = await Promise.all([startStudioServer(env()), startStudioServer(env()), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
    page.on('response', (r) => {
      if (r.status() >= 400) pageErrors.push(`${r.status()} ${r.url()}`);
    });
  }, 180_000);

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    await otherServer?.stop();
    await cloud?.stop();
  });

  it('creates a series from two characters on the Series editor and opens sales (zh-TW)', async () => {
    // Two characters, each with a reference drawn by the offline provider (what the Characters page does).
    const made: CharacterView[] = [];
    for (const name of ['Lantern Girl', 'Tea Cat']) {
      const c = await bridgeCall<CharacterView>(server, 'character.create', { name, language: 'en', keywords: ['night market'] });
      made.push(await bridgeCall<CharacterView>(server, 'character.generateReference', { id: c.id, provider: 'offline' }));
    }
    expect(made.every((c) => c.references.length === 1)).toBe(true);

    await signInAs(CREATOR, 'zh-TW', 'box-series');
    const editor = byTestId('page-box-series');
    await editor.waitFor();
    expect(await byTestId('nav-box-series').innerText()).toContain('盲盒系列');
    await byTestId('series-empty').waitFor();
    await byTestId('series-new').click();
    await editor.getByTestId('series-title').fill('夜市好朋友');
    await editor.getByTestId('series-description').fill('Two friends of the night market');
    await editor.getByTestId('series-price').fill(String(PRICE));
    await editor.getByTestId('series-daily-limit').fill('10');
    for (const c of made) {
      await byTestId('series-add-character').selectOption(c.id);
      await byTestId('series-add-item').click();
    }
    const rows = byTestId('series-item-row');
    await expect.poll(() => rows.count()).toBe(2);
    // The first reference of each character is the picture, picked for the buyer.
    for (const [i, c] of made.entries()) {
      await expect.poll(() => rows.nth(i).getByTestId('item-image-chosen').getAttribute('data-asset-id')).toBe(c.references[0]!.assetId);
      expect(await rows.nth(i).getByTestId('item-name').inputValue()).toBe(c.name);
    }
    await rows.nth(1).getByTestId('item-tier').selectOption('rare');
    await rows.nth(0).getByTestId('item-odds').fill('60');
    await rows.nth(1).getByTestId('item-odds').fill('30');
    expect(await byTestId('series-odds-total').getAttribute('data-ok')).toBe('false');
    await byTestId('series-save').click();
    await expect.poll(() => byTestId('series-odds-total').getAttribute('class')).toContain('field__error');
    await saveScreenshot(page, 'boxes-editor-odds-off');
    await rows.nth(1).getByTestId('item-odds').fill('40');
    expect(await byTestId('series-odds-total').getAttribute('data-ok')).toBe('true');
    await byTestId('series-save').click();
    const detail = editor.getByTestId('series-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-status')).toBe('draft');
    // The form keeps what was typed after the save (the draft got its id).
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).getByTestId('item-odds').inputValue()).toBe('40');
    expect(await detail.getByTestId('series-odds-row').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-ppm'))))).toEqual([600_000, 400_000]);
    await saveScreenshot(page, 'boxes-editor-draft');

    await byTestId('series-open-sales').click();
    await byTestId('confirm-dialog').waitFor();
    expect(await byTestId('confirm-dialog').innerText()).toContain('凍結');
    await byTestId('confirm-ok').click();
    await expect.poll(() => editor.getByTestId('series-detail').getAttribute('data-status')).toBe('open');
    const commitment = (await byTestId('series-commitment').innerText()).trim();
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    ids.series = (await editor.getByTestId('series-detail').getAttribute('data-id'))!;
    ids.commitment = commitment;
    expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
    await saveScreenshot(page, 'boxes-editor-open');
  }, 240_000);

  it('submits the buyer’s identity with a birth date on the Profile page (zh-CN); the admin approves it', async () => {
    await signInAs(BUYER, 'zh-CN', 'profile');
    await byTestId('identity-form').waitFor();
    await byTestId('identity-national-id').fill(taiwanId());
    await byTestId('identity-full-name').fill('林小明');
    await byTestId('identity-document').setInputFiles({ name: 'id-card.png', mimeType: 'image/png', buffer: PNG_1X1 });
    // The birth date is required.
    await byTestId('identity-submit').click();
    expect(await byTestId('identity-birth-date').getAttribute('aria-invalid')).toBe('true');
    await byTestId('identity-birth-date').fill('1992-03-04');
    await byTestId('identity-submit').click();
    await expect.poll(() => byTestId('identity-status').getAttribute('data-status')).toBe('pending');
    await saveScreenshot(page, 'boxes-profile-identity');
    const { verifications } = await cloudCall<{ verifications: { id: string; user_id: string; birth_date: string | null }[] }>('GET', '/v1/admin/verifications?status=pending', undefined, adminToken);
    expect(verifications.map((v) => v.birth_date)).toEqual(['1992-03-04']);
    await cloudCall('POST', `/v1/admin/verifications/${verifications[0]!.id}/decision`, { decision: 'approved', note: 'document matches' }, adminToken);
    await cloudCall('POST', '/v1/admin/grants', { id: crypto.randomUUID(), user_id: verifications[0]!.user_id, bucket: 'PAID', amount: 500, reason: 'e2e credits' }, adminToken);
  }, 120_000);

  it('opens three boxes in the Shop with the cooling-off notice and the animation (zh-CN)', async () => {
    const before = await balance(BUYER);
    await byTestId('nav-box-shop').click();
    await byTestId('page-box-shop').waitFor();
    const card = page.locator(`[data-testid="shop-card"][data-series-id="${ids.series}"]`);
    await card.getByTestId('shop-card-view').click();
    await byTestId('odds-table').first().waitFor();
    expect((await byTestId('odds-commitment').first().innerText()).trim()).toContain(ids.commitment!);
    for (let i = 0; i < 3; i++) {
      await byTestId('open-box-button').click();
      await byTestId('open-notice').waitFor();
      expect(await byTestId('open-notice-price').getAttribute('data-value')).toBe(String(PRICE));
      if (i === 0) await saveScreenshot(page, 'boxes-shop-notice');
      await byTestId('open-notice-continue').click();
      await byTestId('open-box').waitFor();
      await expect.poll(() => byTestId('open-box').getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe('open');
      await byTestId('open-result').waitFor();
      if (i === 0) await saveScreenshot(page, 'boxes-shop-result');
      await byTestId('open-close').click();
      await byTestId('open-box').waitFor({ state: 'detached' });
    }
    const after = await balance(BUYER);
    expect(after.total).toBe(before.total - 3 * PRICE);
    const owned = await collection(BUYER);
    expect(owned.length).toBe(3);
    expect(new Set(owned.map((o) => o.item_id)).size).toBeLessThan(3);
    expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  }, 180_000);

  it('reveals and rotates the seed as the creator', async () => {
    await signInAs(CREATOR, 'zh-TW', 'box-series');
    await page.locator(`[data-testid="series-item"][data-id="${ids.series}"]`).getByTestId('series-open').click();
    await byTestId('series-rotate').click();
    await byTestId('confirm-ok').click();
    await expect.poll(() => page.locator('[data-testid="series-seed"][data-revealed="true"]').count()).toBe(1);
    expect(await page.locator('[data-testid="series-seed"][data-revealed="true"]').getAttribute('data-commitment')).toBe(ids.commitment);
    expect((await byTestId('series-commitment').innerText()).trim()).not.toBe(ids.commitment);
    await saveScreenshot(page, 'boxes-editor-rotated');
  }, 120_000);

  it('verifies an opening and lists a duplicate on the market (zh-CN)', async () => {
    await signInAs(BUYER, 'zh-CN', 'box-verify');
    await byTestId('page-box-verify').waitFor();
    const select = byTestId('verify-opening-select');
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
    await select.selectOption({ index: 1 });
    await expect.poll(() => byTestId('verify-status').getAttribute('data-status'), { timeout: UI_TIMEOUT }).toBe('verified');
    await saveScreenshot(page, 'boxes-verify');

    await byTestId('nav-box-collection').click();
    const dup = page.locator('[data-testid="collection-group"]').filter({ has: page.locator('[data-testid="collection-copy"]').nth(1) }).first();
    await dup.waitFor();
    ids.dupItem = (await dup.getAttribute('data-item-id'))!;
    await dup.getByTestId('collection-list-button').first().click();
    await byTestId('list-price').fill(String(RESALE));
    await expect.poll(() => byTestId('list-fee').getAttribute('data-value')).not.toBe('');
    ids.fee = (await byTestId('list-fee').getAttribute('data-value'))!;
    await byTestId('list-submit').click();
    await expect.poll(async () => (await collection(BUYER)).filter((o) => o.status === 'listed').length).toBe(1);
    await saveScreenshot(page, 'boxes-collection-listed');
  }, 120_000);

  it('buys the listing as a third user on the Market (en), the seller paid price minus fee', async () => {
    const seller = await balance(BUYER);
    const buyer = await balance(COLLECTOR);
    await signInAs(COLLECTOR, 'en', 'box-market', otherServer);
    await byTestId('page-box-market').waitFor();
    const row = page.locator(`[data-testid="listing-row"][data-item-id="${ids.dupItem}"]`).first();
    await row.waitFor();
    expect(await row.getAttribute('data-price')).toBe(String(RESALE));
    await row.getByTestId('listing-buy').click();
    await byTestId('buy-confirm').click();
    await expect.poll(async () => (await collection(COLLECTOR)).map((o) => o.item_id)).toEqual([ids.dupItem]);
    expect((await balance(COLLECTOR)).total).toBe(buyer.total - RESALE);
    const paid = await balance(BUYER);
    expect(paid.buckets.PAID.available).toBe(seller.buckets.PAID.available + RESALE - Number(ids.fee));
    // The sold copy left the seller's collection: two of the three boxes remain, none listed.
    const left = await collection(BUYER);
    expect(left.map((o) => o.status)).toEqual(['owned', 'owned']);
    expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
    await saveScreenshot(page, 'boxes-market-bought');
  }, 120_000);
});
