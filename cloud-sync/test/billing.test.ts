import { afterAll, beforeAll, expect, it } from 'vitest';
import { RETURN_PAGE_CSP } from '../src/billing/return-pages.js';
import { StripeProvider } from '../src/billing/stripe.js';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer } from './support/http.js';
import type { FakeStripe } from './support/stripe.js';
import { WEBHOOK_SECRET, chargeSucceeded, fakeStripeApi, signed } from './support/stripe.js';

describeEachDb('billing through Stripe (loopback fake API, signed webhooks)', (kind) => {
  let s: TestServer;
  let api: FakeStripe;
  let u: Session;
  let admin: Session;
  beforeAll(async () => {
    api = await fakeStripeApi();
    s = await startServer(kind, { payments: new StripeProvider({ secretKey: 'sk_test_kingjam', webhookSecret: WEBHOOK_SECRET, apiBase: api.base }), publicUrl: 'https://studio.example' });
    u = await s.register();
    admin = await s.admin();
  });
  afterAll(async () => {
    await s?.close();
    await api?.close();
  });

  const balance = async () => {
    const { as_of: _asOf, ...rest } = (await s.call<{ as_of: number; total: number; buckets: Record<string, { available: number }> }>('GET', '/v1/ledger/balance', undefined, u.token)).body;
    return rest;
  };
  const post = (event: object, headers?: Record<string, string>) => {
    const payload = JSON.stringify(event);
    return s.call('POST', '/v1/billing/webhook', payload, undefined, headers ?? signed(payload));
  };
  const packEvent = (id: string, session: string, amount = 25000) => ({
    id,
    object: 'event',
    type: 'checkout.session.completed',
    data: { object: { id: session, object: 'checkout.session', mode: 'payment', payment_status: 'paid', amount_total: amount, client_reference_id: u.id, metadata: { user_id: u.id, kind: 'pack', item: 'pack_1000' } } },
  });

  it('answers the browser back from checkout with a static page in the three languages (no token needed)', async () => {
    for (const [path, heading] of [
      ['/billing/success?session_id=cs_test_123', '付款完成'],
      ['/billing/cancel', '已取消付款'],
    ] as const) {
      const res = await fetch(`${s.base}${path}`);
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toBe(RETURN_PAGE_CSP);
      expect(RETURN_PAGE_CSP).toMatch(/^default-src 'none'/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(html).toContain(heading);
      expect(html).toMatch(/lang="zh-CN"[\s\S]*lang="en"/);
      expect(html).not.toMatch(/<script|https?:\/\/|cs_test_123/);
    }
  });

  it('creates a Checkout Session for a pack and for a plan at the seed prices', async () => {
    const pack = await s.call<{ checkout_url: string; session_id: string }>('POST', '/v1/billing/checkout', { pack: 'pack_1000' }, u.token);
    expect(pack.status).toBe(200);
    expect(pack.body.checkout_url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const req = api.requests.at(-1)!;
    expect(req.auth).toBe('Bearer sk_test_kingjam');
    expect(req.form.get('mode')).toBe('payment');
    expect(req.form.get('line_items[0][price_data][currency]')).toBe('twd');
    expect(req.form.get('line_items[0][price_data][unit_amount]')).toBe('25000');
    expect(req.form.get('metadata[user_id]')).toBe(u.id);
    expect(req.form.get('success_url')).toContain('https://studio.example/');
    // The user's Stripe customer is created first (its id is what a charge names), once.
    const customers = api.requests.filter((r) => r.path === '/v1/customers');
    expect(customers).toHaveLength(1);
    expect(customers[0]!.form.get('metadata[user_id]')).toBe(u.id);
    expect(customers[0]!.idempotencyKey).toBe(`kingjam-customer-${u.id}`);
    const customerId = (await s.db.db.selectFrom('billing_customers').select('customer_id').where('user_id', '=', u.id).executeTakeFirstOrThrow()).customer_id;
    expect(req.form.get('customer')).toBe(customerId);
    expect(req.form.get('customer_email')).toBeNull();
    const plan = await s.call('POST', '/v1/billing/checkout', { plan: 'pro' }, u.token);
    expect(plan.status).toBe(200);
    const preq = api.requests.at(-1)!;
    expect(preq.form.get('mode')).toBe('subscription');
    expect(preq.form.get('line_items[0][price_data][unit_amount]')).toBe('69900');
    expect(preq.form.get('line_items[0][price_data][recurring][interval]')).toBe('month');
    expect(preq.form.get('subscription_data[metadata][item]')).toBe('pro');
    expect(preq.form.get('customer')).toBe(customerId);
    expect(api.requests.filter((r) => r.path === '/v1/customers')).toHaveLength(1);
    for (const bad of [{}, { plan: 'free' }, { pack: 'pack_7' }, { plan: 'pro', pack: 'pack_500' }]) {
      expect((await s.call('POST', '/v1/billing/checkout', bad, u.token)).status).toBe(400);
    }
  });

  it('grants a paid pack once per event and once per session', async () => {
    const before = (await balance()).total;
    const r = await post(packEvent('evt_pack_1', 'cs_paid_1'));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ duplicate: false, action: 'granted 1000 PAID' });
    expect((await balance()).buckets.PAID!.available).toBe(1000);
    // Stripe redelivers the same event: acknowledged, nothing granted.
    const again = await post(packEvent('evt_pack_1', 'cs_paid_1'));
    expect(again.body).toMatchObject({ duplicate: true });
    // A different event about the same session (e.g. async_payment_succeeded) grants nothing more.
    await post({ ...packEvent('evt_pack_2', 'cs_paid_1'), type: 'checkout.session.async_payment_succeeded' });
    expect((await balance()).total).toBe(before + 1000);
  });

  it('refuses wrongly signed, unsigned, replayed-old and underpaid webhooks and changes nothing', async () => {
    const before = await balance();
    const ev = JSON.stringify(packEvent('evt_bad_1', 'cs_bad_1'));
    const cases: [string, Record<string, string>, string][] = [
      ['wrong secret', signed(ev, { secret: 'whsec_attacker' }), 'WEBHOOK_SIGNATURE_INVALID'],
      ['no signature', {}, 'WEBHOOK_SIGNATURE_MISSING'],
      ['replay of a 10-minute-old delivery', signed(ev, { timestamp: Math.floor(Date.now() / 1000) - 600 }), 'WEBHOOK_SIGNATURE_INVALID'],
    ];
    for (const [name, headers, code] of cases) {
      const r = await s.call('POST', '/v1/billing/webhook', ev, undefined, headers);
      expect([name, r.status, (r.body as { error: { code: string } }).error.code]).toEqual([name, 400, code]);
    }
    // A body changed after signing.
    const tampered = await s.call('POST', '/v1/billing/webhook', ev.replace('pack_1000', 'pack_10000'), undefined, signed(ev));
    expect(tampered.status).toBe(400);
    const underpaid = await post(packEvent('evt_cheap', 'cs_cheap', 100));
    expect(underpaid.status).toBe(422);
    expect(underpaid.body).toMatchObject({ error: { code: 'WEBHOOK_AMOUNT_MISMATCH' } });
    expect(await balance()).toEqual(before);
  });

  it('grants SUB credits once per plan month, expiring at the end of the period', async () => {
    const start = Math.floor(s.clock.now() / 1000);
    const end = start + 30 * 86400;
    const started = await post({
      id: 'evt_sub_start',
      object: 'event',
      type: 'checkout.session.completed',
      data: { object: { id: 'cs_sub', object: 'checkout.session', mode: 'subscription', subscription: 'sub_1', client_reference_id: u.id, metadata: { user_id: u.id, kind: 'plan', item: 'pro' } } },
    });
    expect(started.body).toMatchObject({ action: 'subscription pro active' });
    const invoice = (eventId: string, periodStart: number, periodEnd: number) => ({
      id: eventId,
      object: 'event',
      type: 'invoice.paid',
      data: {
        object: {
          id: `in_${eventId}`,
          object: 'invoice',
          amount_paid: 69900,
          parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_1', metadata: { user_id: u.id, kind: 'plan', item: 'pro' } } },
          lines: { object: 'list', data: [{ id: 'il_1', object: 'line_item', period: { start: periodStart, end: periodEnd } }] },
        },
      },
    });
    const before = (await balance()).buckets.SUB!.available;
    expect((await post(invoice('evt_inv_1', start, end))).status).toBe(200);
    // A second invoice event for the same period (another event id) does not grant twice.
    await post(invoice('evt_inv_1b', start, end));
    const b = await s.call<{ buckets: { SUB: { available: number } }; expiring: { bucket: string; amount: number; expires_at: number }[] }>('GET', '/v1/ledger/balance', undefined, u.token);
    expect(b.body.buckets.SUB.available).toBe(before + 1500);
    expect(b.body.expiring).toContainEqual({ bucket: 'SUB', amount: 1500, expires_at: end * 1000 });
    // Next month: a new grant; the old month's credits expire at its end.
    await s.call('POST', '/v1/admin/clock', { now: end * 1000 + 1000 }, admin.token);
    await post(invoice('evt_inv_2', end, end + 30 * 86400));
    const next = await balance();
    expect(next.buckets.SUB!.available).toBe(1500);
    const view = await s.call<{ subscriptions: { id: string; plan: string; status: string }[] }>('GET', `/v1/admin/users/${u.id}/ledger`, undefined, admin.token);
    expect(view.body.subscriptions).toMatchObject([{ id: 'sub_1', plan: 'pro', status: 'active' }]);
    expect((await s.call('GET', '/v1/admin/ledger/check', undefined, admin.token)).body).toMatchObject({ ok: true });
  });

  it('maps a signed charge.succeeded to its user by customer (or metadata) and keeps only a hash of the card fingerprint', async () => {
    const customerId = (await s.db.db.selectFrom('billing_customers').select('customer_id').where('user_id', '=', u.id).executeTakeFirstOrThrow()).customer_id;
    const byCustomer = await post(chargeSucceeded('evt_charge_1', { customer: customerId, fingerprint: 'fpCardKingjam01' }));
    expect(byCustomer.body).toMatchObject({ duplicate: false, action: 'card fingerprint recorded' });
    const byMetadata = await post(chargeSucceeded('evt_charge_2', { customer: null, fingerprint: 'fpCardKingjam02', metadata: { user_id: u.id } }));
    expect(byMetadata.body).toMatchObject({ action: 'card fingerprint recorded' });
    const stranger = await post(chargeSucceeded('evt_charge_3', { customer: 'cus_somebody_else', fingerprint: 'fpCardKingjam03' }));
    expect(stranger.body).toMatchObject({ action: 'ignored charge of an unknown customer' });
    const rows = await s.db.db.selectFrom('fingerprints').selectAll().where('user_id', '=', u.id).where('event', '=', 'payment').execute();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.payment_hash ?? ''))).toBe(true);
    const dump = JSON.stringify(await s.db.db.selectFrom('fingerprints').selectAll().execute()) + JSON.stringify(await s.db.db.selectFrom('webhook_events').selectAll().execute());
    expect(dump).not.toMatch(/fpCardKingjam/);
    // Unsigned, it changes nothing.
    const payload = JSON.stringify(chargeSucceeded('evt_charge_4', { customer: customerId, fingerprint: 'fpCardKingjam04' }));
    expect((await s.call('POST', '/v1/billing/webhook', payload, undefined, signed(payload, { secret: 'whsec_attacker' }))).status).toBe(400);
    expect(await s.db.db.selectFrom('fingerprints').select('seq').where('user_id', '=', u.id).where('event', '=', 'payment').execute()).toHaveLength(2);
  });
});
