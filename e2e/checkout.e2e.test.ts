import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_SECRET, fakeStripeApi, type FakeStripe } from '../cloud-sync/test/support/stripe.js';
import { RecordingMailer, registerAndVerifyAt } from '../cloud-sync/test/support/mail.js';
import { buildApp, migrate, openDatabase, PACKS, PLANS, StripeProvider, type App, type DbHandle } from '../cloud-sync/src/index.js';
import { freePort } from '../test/helpers/oauth-platform.js';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';

const UI_TIMEOUT = 20_000;
const EMAIL = 'checkout-e2e@example.com';
const PASSWORD = 'correct horse battery staple 9';
/** The Credits page asks for the balance every 3 s while a payment is pending (usePurchaseWatch). */
const POLL_MS = 3_000;

let dir: string;
let db: DbHandle;
let cloud: App;
let cloudUrl: string;
let stripe: FakeStripe;
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let userId: string;

const byTestId = (id: string) => page.getByTestId(id);
const offer = (kind: 'plan' | 'pack', id: string) => page.locator(`[data-testid="offer-${kind}"][data-id="${id}"]`);
const bucketTotal = (bucket: string) => byTestId(`bucket-${bucket}`).getAttribute('data-total');

function seedPack(id: string) {
  const pack = PACKS.find((p) => p.id === id);
  if (!pack) throw new Error(`no pack ${id} in the seed`);
  return pack;
}

function seedPlan(id: string) {
  const plan = PLANS.find((p) => p.id === id);
  if (!plan) throw new Error(`no plan ${id} in the seed`);
  return plan;
}

/** Buy on the Credits page: the checkout opens in a new tab (system.open has no desktop shell in the web bridge). */
async function buy(kind: 'plan' | 'pack', id: string): Promise<{ checkout: Page; sessionId: string }> {
  const popup = context.waitForEvent('page');
  await offer(kind, id).getByTestId('offer-buy').click();
  const checkout = await popup;
  await checkout.waitForLoadState();
  expect(checkout.url().startsWith(`${stripe.base}/c/pay/cs_test_`)).toBe(true);
  const sessionId = new URL(checkout.url()).pathname.split('/').at(-1)!;
  await byTestId('checkout-link').waitFor();
  expect(await byTestId('checkout-link').getAttribute('data-state')).toBe('waiting');
  return { checkout, sessionId };
}

/** The user's journal and lots for one grant, read back from the cloud's database. */
async function grantRows(journalId: string) {
  const journal = await db.db.selectFrom('journal').select(['id', 'user_id', 'kind', 'amount', 'reason']).where('id', '=', journalId).execute();
  const lots = await db.db.selectFrom('lots').select(['bucket', 'amount', 'expires_at']).where('journal_id', '=', journalId).execute();
  return { journal, lots };
}

async function syncAndRead(): Promise<{ total: string; paid: string | null; sub: string | null }> {
  await byTestId('credits-sync').click();
  await page.getByTestId('toast-success').filter({ hasText: 'Credits are in sync.' }).first().waitFor();
  await expect.poll(() => byTestId('credits-sync').isEnabled()).toBe(true);
  return { total: await byTestId('credits-total').innerText(), paid: await bucketTotal('PAID'), sub: await bucketTotal('SUB') };
}

describe('buying credits: the Credits page, Stripe Checkout (loopback fake), signed webhooks and the ledger', () => {
  beforeAll(async () => {
    stripe = await fakeStripeApi({ hostedCheckout: true });
    dir = await mkdtemp(path.join(tmpdir(), 'kingjam-e2e-checkout-'));
    db = openDatabase(path.join(dir, 'cloud.db'));
    await migrate(db);
    // The port is chosen first: the cloud's public URL (Stripe's success and cancel addresses) names it.
    const port = await freePort();
    const mail = new RecordingMailer();
    cloudUrl = `http://127.0.0.1:${port}`;
    cloud = await buildApp({
      db,
      jwtSecret: randomBytes(32).toString('hex'),
      payments: new StripeProvider({ secretKey: 'sk_test_kingjam_e2e', webhookSecret: WEBHOOK_SECRET, apiBase: stripe.base }),
      publicUrl: cloudUrl,
      mailer: mail,
    });
    await cloud.server.listen({ port, host: '127.0.0.1' });
    stripe.deliverTo(`${cloudUrl}/v1/billing/webhook`);

    userId = (await registerAndVerifyAt(cloudUrl, mail, { email: EMAIL, password: PASSWORD })).user.id;

    server = await startStudioServer({ KINGJAM_CLOUD_URL: cloudUrl, KINGJAM_SECRET_KEY: randomBytes(32).toString('hex') });
    browser = await launchChromium();
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT, locale: 'zh-TW' }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    await cloud?.server.close();
    await db?.close();
    await stripe?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('signs in and shows every paid plan and pack at the seed’s NT$ prices', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await page.keyboard.press('Control+7');
    await byTestId('login-email').fill(EMAIL);
    await byTestId('login-password').fill(PASSWORD);
    await byTestId('login-submit').click();
    await byTestId('account-signed-in').waitFor();
    await page.keyboard.press('Control+6');
    await byTestId('page-credits').waitFor();
    await byTestId('offer-pack').first().waitFor();

    // zh-TW (the default language): NT$ with the locale's digit grouping; plans per month.
    const zh = new Intl.NumberFormat('zh-TW');
    for (const pack of PACKS) {
      expect(await offer('pack', pack.id).getByTestId('offer-price').innerText()).toBe(`NT$ ${zh.format(pack.price_twd)}`);
      expect(await offer('pack', pack.id).innerText()).toContain(`${zh.format(pack.credits)} 點，永久有效`);
    }
    for (const plan of PLANS.filter((p) => p.price_twd > 0)) {
      expect(await offer('plan', plan.id).getByTestId('offer-price').innerText()).toBe(`每月 NT$ ${zh.format(plan.price_twd)}`);
    }
    expect(await offer('plan', 'free').count()).toBe(0);
    await saveScreenshot(page, 'checkout-offers-zh-TW');

    await byTestId('language-quick').selectOption('en');
    await expect.poll(() => offer('plan', 'pro').getByTestId('offer-price').innerText()).toBe('NT$ 699 / month');
    expect(await offer('pack', 'pack_10000').getByTestId('offer-price').innerText()).toBe('NT$ 1,500');
    expect(await byTestId('credits-total').innerText()).toBe('200');
    expect(await bucketTotal('PAID')).toBe('0');
  });

  it('buys a credit pack: pays on the checkout page, and the PAID credits appear without a reload, granted once', async () => {
    const pack = seedPack('pack_1000');
    const { checkout, sessionId } = await buy('pack', pack.id);
    // The cloud recorded the session; the fake Stripe was asked for the seed's price in TWD minor units.
    expect(await db.db.selectFrom('checkout_sessions').select(['user_id', 'kind', 'item', 'completed_at']).where('id', '=', sessionId).execute()).toEqual([
      { user_id: userId, kind: 'pack', item: pack.id, completed_at: null },
    ]);
    expect(stripe.sessions.get(sessionId)).toMatchObject({ mode: 'payment', amountTotal: pack.price_twd * 100, metadata: { user_id: userId, kind: 'pack', item: pack.id } });
    expect(await checkout.getByTestId('amount').innerText()).toBe(`NT$ ${pack.price_twd}`);
    await byTestId('checkout-waiting').waitFor();
    await saveScreenshot(page, 'checkout-waiting');

    // Playing Stripe: the customer pays; Stripe posts the signed events, then sends the browser to success_url.
    const sent = stripe.deliveries.length;
    await checkout.getByTestId('pay').click();
    await checkout.waitForURL(`${cloudUrl}/billing/success?session_id=${sessionId}`);
    // The page the browser lands on says so, in the studio's three languages.
    expect(await checkout.locator('section[lang="zh-TW"] h1').textContent()).toBe('付款完成');
    expect(await checkout.locator('section[lang="en"] h1').textContent()).toBe('Payment received');
    await checkout.close();
    const deliveries = stripe.deliveries.slice(sent);
    expect(deliveries.map((d) => [d.type, d.status])).toEqual([
      ['charge.succeeded', 200],
      ['checkout.session.completed', 200],
    ]);
    expect(deliveries[0]!.body).toMatchObject({ duplicate: false, action: 'card fingerprint recorded' });
    expect(deliveries[1]!.body).toMatchObject({ duplicate: false, action: `granted ${pack.credits} PAID` });

    // No reload and no Sync: the page polls while the payment is pending.
    await expect.poll(() => byTestId('checkout-link').getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe('paid');
    expect(await byTestId('checkout-paid').innerText()).toBe('1,000 credits were added to Purchased.');
    await page.getByTestId('toast-success').filter({ hasText: 'Payment received: 1,000 credits added.' }).waitFor();
    expect(await bucketTotal('PAID')).toBe(String(pack.credits));
    expect(await byTestId('credits-total').innerText()).toBe('1,200');
    await expect.poll(() => page.locator('[data-testid="wallet-entry"][data-kind="grant"]').count()).toBe(2);
    await saveScreenshot(page, 'checkout-paid');

    // The ledger: one journal grant for the session, the seed's credits in a PAID lot that never expires.
    const ref = `stripe:checkout:${sessionId}`;
    expect(await grantRows(ref)).toEqual({
      journal: [{ id: ref, user_id: userId, kind: 'grant', amount: pack.credits, reason: `purchase ${pack.id}` }],
      lots: [{ bucket: 'PAID', amount: pack.credits, expires_at: null }],
    });
    expect((await db.db.selectFrom('checkout_sessions').select('completed_at').where('id', '=', sessionId).executeTakeFirstOrThrow()).completed_at).not.toBeNull();

    // Stripe retries the delivery (same event, signed again): acknowledged as a duplicate, nothing granted.
    const completed = deliveries[1]!;
    const replay = await stripe.redeliver(completed.eventId);
    expect([replay.status, replay.body]).toEqual([200, { received: true, event_id: completed.eventId, duplicate: true, action: 'none' }]);
    // Another event about the same session (a different id) does not grant it twice either.
    const again = await stripe.send({ ...(JSON.parse(completed.payload) as { data: unknown }), id: `${completed.eventId}_async`, type: 'checkout.session.async_payment_succeeded' });
    expect(again.status).toBe(200);
    expect(await grantRows(ref)).toMatchObject({ journal: [{ amount: pack.credits }], lots: [{ amount: pack.credits }] });
    expect(await syncAndRead()).toMatchObject({ total: '1,200', paid: String(pack.credits) });
    await byTestId('checkout-close').click();
    await byTestId('checkout-link').waitFor({ state: 'detached' });
  });

  it('subscribes to a plan: the first month’s SUB credits appear, expiring at the end of the period', async () => {
    const plan = seedPlan('starter');
    const { checkout, sessionId } = await buy('plan', plan.id);
    expect(stripe.sessions.get(sessionId)).toMatchObject({ mode: 'subscription', amountTotal: plan.price_twd * 100, childMetadata: { item: plan.id } });
    const sent = stripe.deliveries.length;
    await checkout.getByTestId('pay').click();
    await checkout.waitForURL(`${cloudUrl}/billing/success?session_id=${sessionId}`);
    await checkout.close();
    const deliveries = stripe.deliveries.slice(sent);
    expect(deliveries.map((d) => [d.type, d.status])).toEqual([
      ['charge.succeeded', 200],
      ['checkout.session.completed', 200],
      ['invoice.paid', 200],
    ]);
    expect(deliveries[1]!.body).toMatchObject({ action: `subscription ${plan.id} active` });
    expect(deliveries[2]!.body).toMatchObject({ action: expect.stringContaining(`granted ${plan.monthly_credits} SUB until`) });

    await expect.poll(() => byTestId('checkout-link').getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe('paid');
    expect(await byTestId('checkout-paid').innerText()).toBe('500 credits were added to Monthly.');
    expect(await bucketTotal('SUB')).toBe(String(plan.monthly_credits));
    expect(await bucketTotal('PAID')).toBe('1000');
    expect(await byTestId('credits-total').innerText()).toBe('1,700');

    const subscription = stripe.sessions.get(sessionId)!.subscription!;
    const invoice = JSON.parse(deliveries[2]!.payload) as { data: { object: { lines: { data: { period: { start: number; end: number } }[] } } } };
    const period = invoice.data.object.lines.data[0]!.period;
    const ref = `stripe:sub:${subscription}:${period.start * 1000}`;
    expect(await grantRows(ref)).toEqual({
      journal: [{ id: ref, user_id: userId, kind: 'grant', amount: plan.monthly_credits, reason: `${plan.id} plan month` }],
      lots: [{ bucket: 'SUB', amount: plan.monthly_credits, expires_at: period.end * 1000 }],
    });
    expect(await db.db.selectFrom('subscriptions').select(['id', 'plan', 'status']).where('user_id', '=', userId).execute()).toEqual([
      { id: subscription, plan: plan.id, status: 'active' },
    ]);

    // The invoice delivered again grants nothing more.
    expect((await stripe.redeliver(deliveries[2]!.eventId)).body).toMatchObject({ duplicate: true });
    expect(await syncAndRead()).toMatchObject({ total: '1,700', sub: String(plan.monthly_credits) });
    await byTestId('checkout-close').click();
  });

  it('a cancelled checkout that expires changes nothing, and waiting shows no errors', async () => {
    const pack = seedPack('pack_500');
    const { checkout, sessionId } = await buy('pack', pack.id);
    // The customer goes back from the checkout page without paying.
    await checkout.getByTestId('cancel').click();
    await checkout.waitForURL(`${cloudUrl}/billing/cancel`);
    expect(await checkout.locator('section[lang="en"] h1').textContent()).toBe('Payment cancelled');
    await checkout.close();
    // A day later Stripe expires the session; the cloud acknowledges it and does nothing.
    const expired = await stripe.expire(sessionId);
    expect([expired.status, expired.body]).toEqual([200, { received: true, event_id: expired.eventId, duplicate: false, action: 'ignored checkout.session.expired' }]);

    // Several refreshes pass while the page waits: no error toast, the panel still waits, the balance is the same.
    await page.waitForTimeout(POLL_MS * 3);
    expect(await page.getByTestId('toast-error').count()).toBe(0);
    expect(await byTestId('checkout-link').getAttribute('data-state')).toBe('waiting');
    expect(await byTestId('credits-total').innerText()).toBe('1,700');
    expect(await bucketTotal('PAID')).toBe('1000');
    // The user gives up waiting.
    await byTestId('checkout-close').click();
    await byTestId('checkout-link').waitFor({ state: 'detached' });
    expect(await grantRows(`stripe:checkout:${sessionId}`)).toEqual({ journal: [], lots: [] });
    expect((await db.db.selectFrom('checkout_sessions').select('completed_at').where('id', '=', sessionId).executeTakeFirstOrThrow()).completed_at).toBeNull();
  });

  it('refuses a checkout.session.completed with a bad signature (400) and grants nothing', async () => {
    const pack = seedPack('pack_3000');
    const { checkout, sessionId } = await buy('pack', pack.id);
    await checkout.close();
    const forged = await stripe.send(
      {
        id: 'evt_forged_1',
        type: 'checkout.session.completed',
        data: {
          object: { id: sessionId, object: 'checkout.session', mode: 'payment', payment_status: 'paid', amount_total: pack.price_twd * 100, client_reference_id: userId, metadata: { user_id: userId, kind: 'pack', item: pack.id } },
        },
      },
      { secret: 'whsec_attacker' },
    );
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({ error: { code: 'WEBHOOK_SIGNATURE_INVALID' } });
    expect(await db.db.selectFrom('webhook_events').select('id').where('id', '=', 'evt_forged_1').execute()).toEqual([]);
    expect(await grantRows(`stripe:checkout:${sessionId}`)).toEqual({ journal: [], lots: [] });
    await page.waitForTimeout(POLL_MS * 2);
    expect(await byTestId('checkout-link').getAttribute('data-state')).toBe('waiting');
    expect(await syncAndRead()).toMatchObject({ total: '1,700', paid: '1000' });
    expect(await page.getByTestId('toast-error').count()).toBe(0);
    await byTestId('checkout-close').click();
    // Only the cloud's 404 answers to the success and cancel pages were in other tabs; this page logged nothing wrong.
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  });
});
