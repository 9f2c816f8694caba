import { afterAll, beforeAll, expect, it } from 'vitest';
import { StripeProvider } from '../src/billing/stripe.js';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer, uuid } from './support/http.js';
import type { FakeStripe } from './support/stripe.js';
import { WEBHOOK_SECRET, fakeStripeApi, signed } from './support/stripe.js';

type Body = { action?: string; duplicate?: boolean; error?: { code: string; message: string } };

describeEachDb('Stripe webhooks: timestamps, zod-checked objects, refunds and disputes (issue 11 §2.8, §3)', (kind) => {
  let s: TestServer;
  let api: FakeStripe;
  let admin: Session;
  let n = 0;
  beforeAll(async () => {
    api = await fakeStripeApi();
    s = await startServer(kind, { payments: new StripeProvider({ secretKey: 'sk_test_kingjam', webhookSecret: WEBHOOK_SECRET, apiBase: api.base }) });
    admin = await s.admin();
  });
  afterAll(async () => {
    await s?.close();
    await api?.close();
  });

  const post = (event: object, opts: { timestamp?: number } = {}) => {
    const payload = JSON.stringify({ object: 'event', created: Math.floor(Date.now() / 1000), ...event });
    return s.call<Body>('POST', '/v1/billing/webhook', payload, undefined, signed(payload, opts));
  };
  const balance = async (u: Session) => {
    const { as_of: _asOf, ...rest } = (await s.call<{ as_of: number; total: number; buckets: Record<string, { available: number }> }>('GET', '/v1/ledger/balance', undefined, u.token)).body;
    return rest;
  };
  const packPaid = (u: Session, paymentIntent: string, session = `cs_${++n}`) =>
    post({
      id: `evt_${++n}`,
      type: 'checkout.session.completed',
      data: { object: { id: session, object: 'checkout.session', mode: 'payment', payment_status: 'paid', amount_total: 25000, payment_intent: paymentIntent, client_reference_id: u.id, metadata: { user_id: u.id, kind: 'pack', item: 'pack_1000' } } },
    });
  const refunded = (paymentIntent: string, amountRefunded: number, id = `evt_${++n}`) =>
    post({ id, type: 'charge.refunded', data: { object: { id: `ch_${paymentIntent}`, object: 'charge', amount: 25000, amount_refunded: amountRefunded, refunded: amountRefunded === 25000, payment_intent: paymentIntent, customer: null, metadata: {} } } });
  const disputed = (paymentIntent: string, type = 'charge.dispute.created', amount = 25000) =>
    post({ id: `evt_${++n}`, type, data: { object: { id: `dp_${paymentIntent}`, object: 'dispute', amount, charge: `ch_${paymentIntent}`, payment_intent: paymentIntent, status: 'needs_response', reason: 'fraudulent' } } });
  const spend = async (u: Session, amount: number) => {
    const hold = uuid();
    expect((await s.call('POST', '/v1/ledger/holds', { id: hold, amount, ttl_seconds: 600, reason: 'job' }, u.token)).status).toBe(200);
    expect((await s.call('POST', `/v1/ledger/holds/${hold}/capture`, { id: uuid(), amount }, u.token)).status).toBe(200);
  };
  const checkOk = async () => expect((await s.call('GET', '/v1/admin/ledger/check', undefined, admin.token)).body).toMatchObject({ ok: true, violations: [] });

  it('refuses a correctly signed delivery stamped more than 5 minutes in the future (or past)', async () => {
    const u = await s.register();
    const before = await balance(u);
    for (const offset of [+600, -600]) {
      const r = await s.call<Body>('POST', '/v1/billing/webhook', ...((): [string, undefined, Record<string, string>] => {
        const payload = JSON.stringify({ id: `evt_time_${offset}`, object: 'event', type: 'checkout.session.completed', data: { object: { id: `cs_time_${offset}`, mode: 'payment', payment_status: 'paid', amount_total: 25000, metadata: { user_id: u.id, item: 'pack_1000' } } } });
        return [payload, undefined, signed(payload, { timestamp: Math.floor(Date.now() / 1000) + offset })];
      })());
      expect([offset, r.status, r.body.error?.code]).toEqual([offset, 400, 'WEBHOOK_SIGNATURE_INVALID']);
    }
    expect(await balance(u)).toEqual(before);
    // Within the window either way is fine (clocks drift a little).
    expect((await packPaid(u, 'pi_time_ok')).status).toBe(200);
  });

  it('a malformed invoice.paid grants nothing, answers 400 and is recorded as refused with its reason', async () => {
    const u = await s.register();
    const before = await balance(u);
    const invoice = (period: unknown) => ({
      id: 'evt_bad_invoice',
      type: 'invoice.paid',
      data: {
        object: {
          id: 'in_bad',
          object: 'invoice',
          amount_paid: 69900,
          parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_bad', metadata: { user_id: u.id, kind: 'plan', item: 'pro' } } },
          lines: { object: 'list', data: [{ id: 'il_bad', object: 'line_item', period }] },
        },
      },
    });
    const r = await post(invoice({ start: 'soon', end: 'later' }));
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('WEBHOOK_MALFORMED');
    expect(await balance(u)).toEqual(before);
    expect(await s.db.db.selectFrom('lots').select('id').where('source_ref', 'like', 'stripe:sub:sub_bad%').execute()).toEqual([]);
    const row = await s.db.db.selectFrom('webhook_events').selectAll().where('id', '=', 'evt_bad_invoice').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'refused', type: 'invoice.paid' });
    expect(row.reason).toMatch(/WEBHOOK_MALFORMED: .*lines\.data\.0\.period\.start/);
    // Redelivered, it is judged again (not a "duplicate"): still refused.
    expect((await post(invoice({ start: 'soon', end: 'later' }))).status).toBe(400);
    // A wrongly typed amount on a pack is refused the same way.
    const pack = await post({ id: 'evt_bad_pack', type: 'checkout.session.completed', data: { object: { id: 'cs_bad_pack', mode: 'payment', payment_status: 'paid', amount_total: '25000', metadata: { user_id: u.id, item: 'pack_1000' } } } });
    expect([pack.status, pack.body.error?.code]).toEqual([400, 'WEBHOOK_MALFORMED']);
    // Refused for a business reason (underpaid) is recorded too.
    const cheap = await post({ id: 'evt_cheap_pack', type: 'checkout.session.completed', data: { object: { id: 'cs_cheap', mode: 'payment', payment_status: 'paid', amount_total: 100, metadata: { user_id: u.id, item: 'pack_1000' } } } });
    expect(cheap.status).toBe(422);
    expect(await s.db.db.selectFrom('webhook_events').select(['id', 'status']).where('id', 'in', ['evt_bad_pack', 'evt_cheap_pack']).orderBy('id').execute()).toEqual([
      { id: 'evt_bad_pack', status: 'refused' },
      { id: 'evt_cheap_pack', status: 'refused' },
    ]);
    expect(await balance(u)).toEqual(before);
  });

  it('a full refund takes back the PAID credits still unspent, says what was spent, and reverses once', async () => {
    const u = await s.register();
    expect((await packPaid(u, 'pi_full')).body.action).toBe('granted 1000 PAID');
    await spend(u, 500); // 200 PROMO first, then 300 of the pack
    expect((await balance(u)).buckets.PAID!.available).toBe(700);
    const refund = await refunded('pi_full', 25000, 'evt_refund_full');
    expect(refund.status).toBe(200);
    expect(refund.body.action).toBe('reversed 700 PAID; 300 already spent');
    expect((await balance(u)).buckets.PAID!.available).toBe(0);
    // The same event again, another event for the same refund, then a dispute of the same charge: nothing more.
    expect((await refunded('pi_full', 25000, 'evt_refund_full')).body.duplicate).toBe(true);
    expect((await refunded('pi_full', 25000)).body.action).toBe('reversed 0 PAID; 0 already spent');
    expect((await disputed('pi_full')).body.action).toBe('reversed 0 PAID; 0 already spent');
    const adjust = await s.db.db.selectFrom('journal').select(['amount', 'kind', 'response']).where('user_id', '=', u.id).where('kind', '=', 'adjust').execute();
    expect(adjust).toHaveLength(1);
    expect(adjust[0]!.amount).toBe(1000);
    expect(JSON.parse(adjust[0]!.response)).toMatchObject({ retired: 700, not_recovered: 300 });
    await checkOk();
  });

  it('partial refunds reverse proportionally; a dispute after them, or a dispute first, reverses no more than the payment', async () => {
    const u = await s.register();
    await packPaid(u, 'pi_part');
    expect((await refunded('pi_part', 10000)).body.action).toBe('reversed 400 PAID; 0 already spent');
    expect((await balance(u)).buckets.PAID!.available).toBe(600);
    expect((await refunded('pi_part', 15000)).body.action).toBe('reversed 200 PAID; 0 already spent');
    // The rest disputed: 40 % more of the payment.
    expect((await disputed('pi_part', 'charge.dispute.created', 10000)).body.action).toBe('reversed 400 PAID; 0 already spent');
    expect((await balance(u)).buckets.PAID!.available).toBe(0);

    const v = await s.register();
    await packPaid(v, 'pi_disp');
    expect((await disputed('pi_disp')).body.action).toBe('reversed 1000 PAID; 0 already spent');
    expect((await disputed('pi_disp', 'charge.dispute.funds_withdrawn')).body.action).toBe('reversed 0 PAID; 0 already spent');
    expect((await refunded('pi_disp', 25000)).body.action).toBe('reversed 0 PAID; 0 already spent');
    expect((await balance(v)).buckets.PAID!.available).toBe(0);
    // An unknown payment changes nothing.
    expect((await refunded('pi_unknown', 25000)).body.action).toBe('ignored refund of an unknown payment');
    await checkOk();
  });

  it('a refunded plan payment takes back the referee’s unspent SUB credits and the referrer’s commission', async () => {
    const referrer = await s.register();
    const code = (await s.call<{ code: string }>('POST', '/v1/referrals/code', undefined, referrer.token)).body.code;
    const referee = await s.register({ referral_code: code });
    const start = Math.floor(s.clock.now() / 1000);
    const paid = await post({
      id: `evt_${++n}`,
      type: 'invoice.paid',
      data: {
        object: {
          id: 'in_plan_1',
          object: 'invoice',
          amount_paid: 69900,
          parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_ref_1', metadata: { user_id: referee.id, kind: 'plan', item: 'pro' } } },
          lines: { object: 'list', data: [{ id: 'il_plan_1', object: 'line_item', period: { start, end: start + 30 * 86400 } }] },
        },
      },
    });
    expect(paid.status).toBe(200);
    await s.call('POST', '/v1/admin/jobs/referral-bonuses/run', undefined, admin.token);
    const bonusBefore = (await balance(referrer)).buckets.BONUS!.available;
    expect(bonusBefore).toBe(700); // Bronze: 700 BONUS for a Pro payment
    // The invoice's charge names only its PaymentIntent; invoice_payment.paid says which invoice it paid.
    const link = await post({ id: `evt_${++n}`, type: 'invoice_payment.paid', data: { object: { id: 'inpay_1', object: 'invoice_payment', invoice: 'in_plan_1', payment: { type: 'payment_intent', payment_intent: 'pi_plan_1' }, status: 'paid' } } });
    expect(link.body.action).toBe('payment linked to its invoice');
    const refund = await post({ id: `evt_${++n}`, type: 'charge.refunded', data: { object: { id: 'ch_plan_1', object: 'charge', amount: 69900, amount_refunded: 69900, payment_intent: 'pi_plan_1', customer: null, metadata: {} } } });
    expect(refund.body.action).toBe('reversed 1500 SUB; 0 already spent; commission reversed 700, 0 not recovered');
    expect((await balance(referee)).buckets.SUB!.available).toBe(0);
    expect((await balance(referrer)).buckets.BONUS!.available).toBe(0);
    await checkOk();
  });

  it('a commission not yet granted shrinks instead (a half refund grants half)', async () => {
    const referrer = await s.register();
    const code = (await s.call<{ code: string }>('POST', '/v1/referrals/code', undefined, referrer.token)).body.code;
    const referee = await s.register({ referral_code: code });
    const start = Math.floor(s.clock.now() / 1000);
    await post({
      id: `evt_${++n}`,
      type: 'invoice.paid',
      data: {
        object: {
          id: 'in_plan_2',
          object: 'invoice',
          amount_paid: 69900,
          payments: { object: 'list', data: [{ id: 'inpay_2', object: 'invoice_payment', payment: { type: 'payment_intent', payment_intent: 'pi_plan_2' } }] },
          parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_ref_2', metadata: { user_id: referee.id, kind: 'plan', item: 'pro' } } },
          lines: { object: 'list', data: [{ id: 'il_plan_2', object: 'line_item', period: { start, end: start + 30 * 86400 } }] },
        },
      },
    });
    const refund = await post({ id: `evt_${++n}`, type: 'charge.refunded', data: { object: { id: 'ch_plan_2', object: 'charge', amount: 69900, amount_refunded: 34950, payment_intent: 'pi_plan_2', customer: null, metadata: {} } } });
    expect(refund.body.action).toBe('reversed 750 SUB; 0 already spent; commission reversed 0, 0 not recovered');
    await s.call('POST', '/v1/admin/jobs/referral-bonuses/run', undefined, admin.token);
    expect((await balance(referrer)).buckets.BONUS!.available).toBe(350);
    await checkOk();
  });
});
