import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { StripeProvider } from '../src/billing/stripe.js';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer } from './support/http.js';

const WEBHOOK_SECRET = 'whsec_test_secret_for_kingjam';

/** A loopback stand-in for api.stripe.com: it speaks the wire format the SDK expects. */
async function fakeStripeApi(): Promise<{ base: string; requests: { path: string; form: URLSearchParams; auth: string }[]; close(): Promise<void> }> {
  const requests: { path: string; form: URLSearchParams; auth: string }[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      requests.push({ path: req.url ?? '', form, auth: req.headers.authorization ?? '' });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && req.url === '/v1/checkout/sessions') {
        const id = `cs_test_${++n}`;
        res.end(JSON.stringify({ id, object: 'checkout.session', mode: form.get('mode'), url: `https://checkout.stripe.com/c/pay/${id}`, metadata: {} }));
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: `no fake for ${req.method} ${req.url}` } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

const signer = new Stripe('sk_test_signer');
function signed(payload: string, opts: { secret?: string; timestamp?: number } = {}): Record<string, string> {
  const header = signer.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WEBHOOK_SECRET, ...(opts.timestamp ? { timestamp: opts.timestamp } : {}) });
  return { 'stripe-signature': header };
}

describeEachDb('billing through Stripe (loopback fake API, signed webhooks)', (kind) => {
  let s: TestServer;
  let api: Awaited<ReturnType<typeof fakeStripeApi>>;
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
    const plan = await s.call('POST', '/v1/billing/checkout', { plan: 'pro' }, u.token);
    expect(plan.status).toBe(200);
    const preq = api.requests.at(-1)!;
    expect(preq.form.get('mode')).toBe('subscription');
    expect(preq.form.get('line_items[0][price_data][unit_amount]')).toBe('69900');
    expect(preq.form.get('line_items[0][price_data][recurring][interval]')).toBe('month');
    expect(preq.form.get('subscription_data[metadata][item]')).toBe('pro');
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
});
