import { afterAll, beforeAll, expect, it } from 'vitest';
import { StripeProvider } from '../src/billing/stripe.js';
import { describeEachDb } from './support/db.js';
import type { Session } from './support/http.js';
import type { PartnerServer } from './support/partners.js';
import { startPartnerServer } from './support/partners.js';
import type { FakeStripe } from './support/stripe.js';
import { WEBHOOK_SECRET, chargeSucceeded, fakeStripeApi, signed } from './support/stripe.js';

/** Seed §7.2: a referee sharing a payment card with the referrer is self-referral, like sharing a device. */
describeEachDb('self-referral by payment card (signed Stripe charge.succeeded)', (kind) => {
  let s: PartnerServer;
  let api: FakeStripe;
  let admin: Session;
  beforeAll(async () => {
    api = await fakeStripeApi();
    s = await startPartnerServer(kind, { payments: new StripeProvider({ secretKey: 'sk_test_kingjam', webhookSecret: WEBHOOK_SECRET, apiBase: api.base }) });
    admin = await s.admin();
  });
  afterAll(async () => {
    await s?.close();
    await api?.close();
  });

  let events = 0;
  const post = async (event: object) => {
    const payload = JSON.stringify(event);
    const r = await s.call<{ action: string }>('POST', '/v1/billing/webhook', payload, undefined, signed(payload));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.action;
  };
  /** Checkout creates the user's Stripe customer; the charge names it. */
  const customerOf = async (u: Session) => {
    expect((await s.call('POST', '/v1/billing/checkout', { plan: 'starter' }, u.token)).status).toBe(200);
    return (await s.db.db.selectFrom('billing_customers').select('customer_id').where('user_id', '=', u.id).executeTakeFirstOrThrow()).customer_id;
  };
  const pay = async (u: Session, card: string) => post(chargeSucceeded(`evt_${kind}_${++events}`, { customer: await customerOf(u), fingerprint: card }));
  const planPaid = (u: Session) => {
    const start = Math.floor(s.clock.now() / 1000);
    return post({
      id: `evt_${kind}_${++events}`,
      object: 'event',
      type: 'invoice.paid',
      data: {
        object: {
          id: `in_${events}`,
          object: 'invoice',
          amount_paid: 29900,
          parent: { type: 'subscription_details', subscription_details: { subscription: `sub_${u.id}`, metadata: { user_id: u.id, kind: 'plan', item: 'starter' } } },
          lines: { object: 'list', data: [{ id: 'il_1', object: 'line_item', period: { start, end: start + 30 * 86400 } }] },
        },
      },
    });
  };
  const risk = async (u: Session) => (await s.call<{ level: string; rules: { code: string; reason: string; key: string }[] }>('GET', `/v1/admin/fraud/users/${u.id}`, undefined, admin.token)).body;
  const referrer = async (device: string) => {
    const a = await s.register({ device });
    const code = (await s.call<{ code: string }>('POST', '/v1/referrals/code', undefined, a.token)).body.code;
    return { a, code };
  };
  const earnings = async (u: Session) => (await s.call<{ earnings: { bonus_granted: number; bonus_held: number; bonus_pending: number } }>('GET', '/v1/referrals/me', undefined, u.token)).body.earnings;

  it('holds the referrer when the referee pays with the referrer card; a different card does not', async () => {
    const { a, code } = await referrer('card-ref-device-a');
    expect(await pay(a, 'fp_shared_card_1')).toBe('card fingerprint recorded');
    // Another device and IP: only the card links them.
    const honest = await s.register({ referral_code: code, device: 'card-ref-device-c' });
    await planPaid(honest);
    await pay(honest, 'fp_own_card_c');
    expect((await risk(a)).level).toBe('low');

    const b = await s.register({ referral_code: code, device: 'card-ref-device-b' });
    await planPaid(b);
    expect((await earnings(a)).bonus_pending).toBe(600);
    expect(await pay(b, 'fp_shared_card_1')).toBe('card fingerprint recorded');
    const view = await risk(a);
    expect(view.level).toBe('high');
    expect(view.rules).toEqual([{ code: 'self_referral', level: 'high', reason: `referee ${b.id} paid with the referrer's payment card`, key: `self_referral:card:${b.id}` }]);
    expect(s.alerts.alerts.some((x) => x.key === `fraud:user:${a.id}` && x.message.includes("referrer's payment card"))).toBe(true);
    // Both pending payment bonuses are held (the referrer profits from either), and the job grants none.
    await s.call('POST', '/v1/admin/jobs/referral-bonuses/run', undefined, admin.token);
    expect(await earnings(a)).toMatchObject({ bonus_granted: 0, bonus_held: 600, bonus_pending: 0 });
    // The card fingerprint itself is nowhere in the database.
    const dump = JSON.stringify(await s.db.db.selectFrom('fingerprints').selectAll().execute()) + JSON.stringify(await s.db.db.selectFrom('risk_profiles').selectAll().execute());
    expect(dump).not.toContain('fp_shared_card_1');
    expect(s.logs.join('')).not.toContain('fp_shared_card_1');
  });

  it('flags it in either order: the referee paid first, then the referrer with the same card', async () => {
    const { a, code } = await referrer('card-order-device-a');
    const b = await s.register({ referral_code: code, device: 'card-order-device-b' });
    await pay(b, 'fp_shared_card_2');
    expect((await risk(a)).level).toBe('low');
    await pay(a, 'fp_shared_card_2');
    const view = await risk(a);
    expect(view.level).toBe('high');
    expect(view.rules.map((r) => r.key)).toEqual([`self_referral:card:${b.id}`]);
    // An admin clears the reviewed evidence; a later payment with the same card does not raise it again.
    const cleared = await s.call<{ level: string }>('POST', `/v1/admin/fraud/users/${a.id}/review`, { action: 'clear', note: 'a shared family card, checked by phone' }, admin.token);
    expect(cleared.body.level).toBe('low');
    await pay(b, 'fp_shared_card_2');
    expect((await risk(a)).level).toBe('low');
  });
});
