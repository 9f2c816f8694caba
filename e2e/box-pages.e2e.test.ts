import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuyerExport, OpeningView, OwnedItemView, SeriesInput, SeriesView } from '../src/shared/boxes/wire.js';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startCloudServer, type CloudServer } from './support/cloud.js';
import { REPO_ROOT, startStudioServer, type StudioServer } from './support/server.js';

/**
 * The buyer's blind-box pages against a real cloud-sync (issue 18): the odds table and guarantee as
 * published, the cooling-off notice, an opening revealed and verified (waiting, then ✓ after the
 * reveal), the collection's duplicates and the listing fee, a market purchase from a seller who
 * never used this device, and the cloud's refusals in the user's language.
 */

const UI_TIMEOUT = 20_000;
const PASSWORD = 'correct horse battery staple 7';
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

interface Session {
  id: string;
  token: string;
}

let cloud: CloudServer;
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let admin: Session;
let creator: Session;
let seller: Session;
let buyer: Session;
let series: SeriesView;

const byTestId = (id: string) => page.getByTestId(id);

async function http<T>(method: string, route: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${cloud.url}${route}`, {
    method,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

async function login(email: string): Promise<Session> {
  const s = await http<{ access_token: string; user: { id: string } }>('POST', '/v1/auth/login', null, { email, password: PASSWORD });
  return { id: s.user.id, token: s.access_token };
}

/** A command's exit code and error output, without blocking the event loop (the studio starts meanwhile). */
function run(cmd: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

let idCounter = 0;
/** A valid Taiwan national ID (A1 + seven digits + the check digit). */
function taiwanId(): string {
  const body = `1${String(process.pid % 1000).padStart(3, '0')}${String(++idCounter).padStart(4, '0')}`;
  const weights = [8, 7, 6, 5, 4, 3, 2, 1];
  const sum = 1 + body.split('').reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return `A${body}${(10 - (sum % 10)) % 10}`;
}

/** An approved identity with a birth date (document, submission, the admin's decision), and PAID credits. */
async function identity(u: Session, birthDate: string, credits: number): Promise<void> {
  const up = await fetch(`${cloud.url}/v1/verification/identity/document`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${u.token}` }, body: Buffer.from(PNG_1X1, 'base64') });
  if (up.status !== 201) throw new Error(`document: ${up.status} ${await up.text()}`);
  const { document_id } = (await up.json()) as { document_id: string };
  const sub = await http<{ id: string }>('POST', '/v1/verification/identity', u.token, { national_id: taiwanId(), full_name: 'Test Buyer', document_id, birth_date: birthDate });
  await http('POST', `/v1/admin/verifications/${sub.id}/decision`, admin.token, { decision: 'approved', note: 'document matches' });
  await http('POST', '/v1/admin/grants', admin.token, { id: randomUUID(), user_id: u.id, bucket: 'PAID', amount: credits, reason: 'test credits' });
}

function seriesBody(): SeriesInput {
  const item = (name: string, tier: 'regular' | 'rare' | 'secret', odds_ppm: number, stock: number | null) => ({ name, tier, odds_ppm, stock, character: null, image: null, production_pack: null });
  return {
    title: 'Night market friends',
    description: 'Four figures of the night market',
    price: 30,
    daily_limit: 50,
    starts_at: 0,
    ends_at: null,
    guarantee: { after: 5, tier: 'rare' },
    // 1/3 does not divide: the published ppm, not a rounded percent, is what the table must show.
    items: [item('Bubble tea cat', 'regular', 333_333, null), item('Oyster omelette dog', 'regular', 566_667, null), item('Golden lantern', 'rare', 90_000, 500), { ...item('Moon rabbit', 'secret', 10_000, 3), image: { content_type: 'image/png', data_base64: PNG_1X1 } }],
  };
}

describe('the buyer’s blind-box pages against a real cloud-sync', () => {
  beforeAll(async () => {
    cloud = await startCloudServer();
    // The cloud's people and series, and the studio with its browser, are made side by side.
    await Promise.all([
      (async () => {
        const made = await run(process.execPath, ['--import', 'tsx', 'cloud-sync/src/main.ts', 'admin', 'create', '--email', 'admin@example.com', '--password', PASSWORD, '--db', cloud.dbFile]);
        if (made.code !== 0) throw new Error(`admin create: ${made.stderr}`);
        admin = await login('admin@example.com');
        const emails = ['creator@example.com', 'seller@example.com', 'buyer@example.com', 'minor@example.com'];
        await Promise.all(emails.map((e) => cloud.register(e, PASSWORD)));
        const [c, s, b, minor] = await Promise.all(emails.map(login));
        creator = c!;
        seller = s!;
        buyer = b!;
        // A 13-year-old (born 2013): may buy only once a guardian consents.
        await Promise.all([identity(seller, '1990-05-17', 500), identity(buyer, '1990-05-17', 1000), identity(minor!, '2013-03-02', 100)]);
        const draft = await http<SeriesView>('POST', '/v1/boxes/series', creator.token, seriesBody());
        series = await http<SeriesView>('POST', `/v1/boxes/series/${draft.id}/open`, creator.token, {});
      })(),
      (async () => {
        server = await startStudioServer({ KINGJAM_CLOUD_URL: cloud.url, KINGJAM_SECRET_KEY: randomBytes(32).toString('hex') });
        browser = await launchChromium();
        ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
      })(),
    ]);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('language-quick').selectOption('en');
    await byTestId('nav-account').click();
    await byTestId('login-email').fill('buyer@example.com');
    await byTestId('login-password').fill(PASSWORD);
    await byTestId('login-submit').click();
    await byTestId('account-signed-in').waitFor();
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    await cloud?.stop();
  });

  it('shows the series with its exact odds, stock, guarantee and seed commitment one click from the shop', async () => {
    expect(await byTestId('nav-group-box-shop').innerText()).toMatch(/blind boxes/i);
    await page.keyboard.press('Control+Shift+KeyO');
    await byTestId('page-box-shop').waitFor();
    const card = byTestId('shop-card').filter({ hasText: 'Night market friends' });
    expect(await card.getByTestId('shop-card-price').getAttribute('data-value')).toBe('30');
    expect(await card.getByTestId('shop-card-remaining').getAttribute('data-value')).toBe('50');
    // The cover is the one item with a picture, fetched through main as a data: URL once in view.
    await card.locator('.box-image[data-loaded="true"] img[src^="data:image/png"]').waitFor();
    await card.getByTestId('shop-card-odds').click();
    const dialog = byTestId('odds-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('odds-percent').allInnerTexts()).toEqual(['33.3333 %', '56.6667 %', '9.0000 %', '1.0000 %']);
    expect(await dialog.getByTestId('odds-remaining').allInnerTexts()).toEqual(['Unlimited', 'Unlimited', '500 of 500', '3 of 3']);
    expect(await dialog.getByTestId('odds-guarantee').innerText()).toContain('Guaranteed Rare or better within 5 openings');
    expect(await dialog.getByTestId('odds-since-guaranteed').getAttribute('data-count')).toBe('0');
    expect(await dialog.getByTestId('odds-commitment').innerText()).toBe(series.seeds[0]!.commitment);
    await byTestId('odds-dialog-close').click();
    await saveScreenshot(page, 'box-shop');
  });

  it('opens a box after the cooling-off notice, reveals the item and waits for the seed to verify it', async () => {
    await byTestId('shop-card').filter({ hasText: 'Night market friends' }).getByTestId('shop-card-view').click();
    await byTestId('series-detail').waitFor();
    expect(await byTestId('eligibility-banner').count()).toBe(0);
    await byTestId('client-seed-random').click();
    const clientSeed = await byTestId('client-seed').inputValue();
    expect(clientSeed).toMatch(/^[0-9a-f]{32}$/);
    await byTestId('open-box-button').click();
    await byTestId('open-notice').waitFor();
    expect(await byTestId('open-notice-price').getAttribute('data-value')).toBe('30');
    expect(await byTestId('open-notice-remaining').getAttribute('data-value')).toBe('50');
    await byTestId('open-notice-odds-toggle').click();
    expect(await byTestId('open-notice').getByTestId('odds-row').count()).toBe(4);
    // Cancel charges nothing; the next click is a new purchase.
    await byTestId('open-notice-cancel').click();
    expect(await byTestId('open-notice').count()).toBe(0);
    await byTestId('open-box-button').click();
    await byTestId('open-notice-continue').click();
    const result = byTestId('open-result');
    await result.waitFor();
    expect(await byTestId('open-box').getAttribute('data-state')).toBe('open');
    expect(await result.getAttribute('data-outcome')).toBe('granted');
    const openingId = (await result.getAttribute('data-opening-id'))!;
    const opening = await http<OpeningView>('GET', `/v1/boxes/openings/${openingId}`, buyer.token);
    expect(opening.client_seed).toBe(clientSeed);
    expect(await byTestId('open-result-name').innerText()).toBe(opening.item_name);
    expect(await byTestId('open-result-tier').getAttribute('data-tier')).toBe(opening.tier);
    await saveScreenshot(page, 'box-opened');
    // The page read the series again behind the dialog: one fewer left today.
    await page.waitForFunction(() => document.querySelector('[data-testid="series-remaining-today"]')?.getAttribute('data-value') === '49');
    await byTestId('open-verify').click();
    await byTestId('page-box-verify').waitFor();
    expect(await byTestId('verify-status').getAttribute('data-status')).toBe('not_revealed');
    expect(await byTestId('verify-commitment-matches').getAttribute('data-ok')).toBe('');
    expect(await byTestId('verify-commitment').getAttribute('data-value')).toBe(series.seeds[0]!.commitment);
    expect(await byTestId('verify-nonce').getAttribute('data-value')).toBe('0');
  });

  it('verifies an opening once the seed is revealed, step by step, and shows the audit head', async () => {
    await http('POST', `/v1/boxes/series/${series.id}/rotate-seed`, creator.token, {});
    await byTestId('verify-recheck').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="verify-status"]')?.getAttribute('data-status') === 'verified');
    expect(await byTestId('verify-commitment-matches').getAttribute('data-ok')).toBe('true');
    expect(await byTestId('verify-items-match').getAttribute('data-ok')).toBe('true');
    expect(await byTestId('verify-server-seed').getAttribute('data-value')).toMatch(/^[0-9a-f]{64}$/);
    expect(await byTestId('verify-message').getAttribute('data-value')).toMatch(/^[0-9a-f]{32}:0(:\d+)?$/);
    expect(await byTestId('verify-digest').getAttribute('data-value')).toMatch(/^[0-9a-f]{64}$/);
    expect(await byTestId('verify-weights').getAttribute('data-total')).toBe('1000000');
    expect(await byTestId('verify-method').innerText()).toContain('2^32 − (2^32 mod W)');
    expect(Number(await byTestId('audit-seq').getAttribute('data-value'))).toBeGreaterThan(2);
    expect(await byTestId('audit-hash').innerText()).toMatch(/^[0-9a-f]{64}$/);
    await saveScreenshot(page, 'box-verify');
  });

  it('groups duplicates in the collection and lists one with the fee the price table sets', async () => {
    // Enough openings that some item repeats (two items share 90 % of the odds).
    for (let i = 0; i < 5; i++) await http('POST', `/v1/boxes/series/${series.id}/openings`, buyer.token, { request_id: randomUUID(), notice_acknowledged: true });
    await page.keyboard.press('Control+Shift+KeyK');
    await byTestId('page-box-collection').waitFor();
    await byTestId('collection-group').first().waitFor();
    const counts = (await byTestId('collection-group').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))))) as number[];
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(Math.max(...counts)).toBeGreaterThan(1);
    expect(await byTestId('opening-row').count()).toBe(6);
    // "Export my purchases": the file the browser saves is the cloud's export, every opening in it.
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId('collection-export-json').click()]);
    expect(download.suggestedFilename()).toMatch(/^kingjam-boxes-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as BuyerExport;
    expect(exported.openings.map((o) => o.id).sort()).toEqual((await byTestId('opening-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-opening-id')))).sort());
    const dup = byTestId('collection-group').filter({ has: byTestId('collection-group-count') }).first();
    await dup.getByTestId('collection-list-button').first().click();
    await byTestId('list-dialog').waitFor();
    await byTestId('list-price').fill('21');
    expect(await byTestId('list-fee').getAttribute('data-value')).toBe('2');
    expect(await byTestId('list-receive').getAttribute('data-value')).toBe('19');
    await byTestId('list-submit').click();
    await byTestId('list-dialog').waitFor({ state: 'detached' });
    await dup.locator('[data-testid="collection-copy"][data-status="listed"]').waitFor();
    await saveScreenshot(page, 'box-collection');
  });

  it('buys from a seller on another device through the market, and says why its own listing cannot be bought', async () => {
    // The seller opens and lists over HTTP only: never on this device, so no shared-device rule fires.
    for (let i = 0; i < 2; i++) await http('POST', `/v1/boxes/series/${series.id}/openings`, seller.token, { request_id: randomUUID(), notice_acknowledged: true });
    const items = await http<OwnedItemView[]>('GET', '/v1/boxes/collection', seller.token);
    const listed = await Promise.all([40, 45].map((price, i) => http<{ id: string }>('POST', '/v1/market/listings', seller.token, { request_id: randomUUID(), owned_id: items[i]!.id, price })));

    await page.keyboard.press('Control+Shift+KeyM');
    await byTestId('page-box-market').waitFor();
    await byTestId('market-my-listings').locator('[data-testid="listing-row"][data-status="listed"]').waitFor();
    const row = (price: number) => byTestId('market-listings').locator(`[data-mine="false"][data-price="${price}"]`);
    await row(45).waitFor();
    expect(await row(45).getByTestId('listing-fee').getAttribute('data-value')).toBe('3');

    // Withdrawn while the buyer was deciding: the cloud's refusal in words, nothing charged.
    await row(45).getByTestId('listing-buy').click();
    await byTestId('buy-dialog').waitFor();
    await http('POST', `/v1/market/listings/${listed[1]!.id}/cancel`, seller.token, {});
    await byTestId('buy-confirm').click();
    const refused = byTestId('buy-error');
    await refused.waitFor();
    expect(await refused.getAttribute('data-cloud-code')).toBe('LISTING_NOT_AVAILABLE');
    expect(await refused.innerText()).toContain('This listing was sold, canceled or has expired.');
    await saveScreenshot(page, 'box-market-refused');
    await byTestId('buy-cancel').click();
    // The page read the listings again: the withdrawn one is gone.
    await row(45).waitFor({ state: 'detached' });

    await row(40).getByTestId('listing-buy').click();
    await byTestId('buy-dialog').waitFor();
    expect(await byTestId('buy-price').getAttribute('data-value')).toBe('40');
    expect(Number(await byTestId('buy-balance').getAttribute('data-value'))).toBeGreaterThanOrEqual(40);
    await byTestId('buy-confirm').click();
    await byTestId('buy-dialog').waitFor({ state: 'detached' });
    await row(40).waitFor({ state: 'detached' });

    // The buyer's own listing, bought through the bridge as the page would: the cloud's code in words.
    const mine = await http<{ id: string }[]>('GET', '/v1/market/listings?mine=1', buyer.token);
    const res = await fetch(`${server.origin}/api/market.buy`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: JSON.stringify({ listingId: mine[0]!.id, requestId: randomUUID() }) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await res.json())).toContain('SELF_TRADE');

    await byTestId('nav-box-collection').click();
    await byTestId('page-box-collection').waitFor();
    await page.locator('[data-testid="collection-copy"]').filter({ hasText: 'bought on the market' }).first().waitFor();
    // The browser's own favicon request is the only resource allowed to fail.
    expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });

  it('asks for a physical figure’s delivery with an address, and confirms it once the creator shipped it', async () => {
    // A series of physical figures only (each has a stock): whatever the buyer draws can be shipped.
    const physical = { ...seriesBody(), title: 'Lantern figures', items: seriesBody().items.map((it, i) => ({ ...it, stock: 50, image: null, odds_ppm: i === 0 ? 400_000 : 200_000 })), guarantee: null };
    const draft = await http<SeriesView>('POST', '/v1/boxes/series', creator.token, physical);
    const figures = await http<SeriesView>('POST', `/v1/boxes/series/${draft.id}/open`, creator.token, {});
    const opened = await http<OpeningView>('POST', `/v1/boxes/series/${figures.id}/openings`, buyer.token, { request_id: randomUUID(), notice_acknowledged: true });

    // The page is already open from the market test: read the collection again.
    await byTestId('nav-box-collection').click();
    await byTestId('page-box-collection').waitFor();
    await byTestId('collection-refresh').click();
    const copy = page.locator(`[data-testid="collection-copy"][data-owned-id="${opened.owned_id}"]`);
    await copy.getByTestId('collection-deliver-button').click();
    await byTestId('delivery-dialog').waitFor();
    await byTestId('delivery-recipient_name').fill('Lin Mei');
    await byTestId('delivery-phone').fill('+886 912 345 678');
    await byTestId('delivery-country').fill('Taiwan');
    await byTestId('delivery-city').fill('Taipei');
    await byTestId('delivery-line1').fill('No. 1, Section 1, Fuxing South Road');
    // Checked in the page with the cloud's own schema: nothing is sent until the country is a code.
    await byTestId('delivery-submit').click();
    await byTestId('delivery-invalid').waitFor();
    expect(await byTestId('delivery-country').getAttribute('aria-invalid')).toBe('true');
    expect(await http<unknown[]>('GET', '/v1/boxes/deliveries', buyer.token)).toEqual([]);
    await byTestId('delivery-country').fill('tw');
    await byTestId('delivery-submit').click();
    await byTestId('delivery-dialog').waitFor({ state: 'detached' });
    await copy.locator('[data-testid="collection-copy-delivery"][data-status="requested"]').waitFor();
    expect(await copy.getByTestId('collection-list-button').count()).toBe(0);
    const row = byTestId('my-delivery').first();
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('requested');
    const [delivery] = await http<{ id: string; address: { country: string; line1: string } }[]>('GET', '/v1/boxes/deliveries', buyer.token);
    expect(delivery!.address).toMatchObject({ country: 'TW', line1: 'No. 1, Section 1, Fuxing South Road' });

    // The creator ships it (on their own device); the buyer's page, read again, offers "I received it".
    const listForCreator = await http<{ id: string }[]>('GET', `/v1/boxes/series/${figures.id}/deliveries`, creator.token);
    expect(listForCreator.map((d) => d.id)).toEqual([delivery!.id]);
    await http('POST', `/v1/boxes/deliveries/${delivery!.id}/ship`, creator.token, { carrier: 'T-Cat', tracking_number: '9001-2345' });
    await page.keyboard.press('Control+Shift+KeyM');
    await byTestId('page-box-market').waitFor();
    await byTestId('nav-box-collection').click();
    await byTestId('page-box-collection').waitFor();
    await page.locator('[data-testid="my-delivery"][data-status="shipped"]').getByTestId('delivery-received').click();
    await page.locator('[data-testid="my-delivery"][data-status="delivered"]').waitFor();
    expect(await page.locator('[data-testid="my-delivery"][data-status="delivered"]').innerText()).toContain('T-Cat 9001-2345');
    await saveScreenshot(page, 'box-delivery');
  });

  it('asks a minor for a guardian’s consent before the box can be opened', async () => {
    await byTestId('nav-account').click();
    await byTestId('account-sign-out').click();
    await byTestId('confirm-ok').click();
    await byTestId('login-email').fill('minor@example.com');
    await byTestId('login-password').fill(PASSWORD);
    await byTestId('login-submit').click();
    await byTestId('account-signed-in').waitFor();
    await page.keyboard.press('Control+Shift+KeyO');
    await byTestId('shop-card').filter({ hasText: 'Night market friends' }).getByTestId('shop-card-view').click();
    const banner = byTestId('eligibility-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-status')).toBe('needs_guardian');
    expect(await banner.innerText()).toContain('You are 13');
    expect(await byTestId('open-box-button').isDisabled()).toBe(true);
    await byTestId('guardian-name').fill('Lin Mei-hua');
    await byTestId('guardian-relation').selectOption('parent');
    await byTestId('guardian-phone').fill('+886912345678');
    expect(await byTestId('guardian-submit').isDisabled()).toBe(true);
    await byTestId('guardian-consent').check();
    await byTestId('guardian-submit').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="eligibility-banner"]')?.getAttribute('data-status') === 'ok');
    expect(await banner.innerText()).toContain('Lin Mei-hua (Parent)');
    expect(await byTestId('open-box-button').isDisabled()).toBe(false);
  });
});
