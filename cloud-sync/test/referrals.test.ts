import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIER_RULES, planBonus, progressToNext, taipeiMonth, tierFor } from '../src/referrals/tiers.js';
import { describeEachDb } from './support/db.js';
import type { Session } from './support/http.js';
import { uuid } from './support/http.js';
import type { PartnerServer } from './support/partners.js';
import { startPartnerServer } from './support/partners.js';

describe('tier rules (seed §5)', () => {
  it('holds the seed table: sign-up PROMO and per-plan BONUS per tier', () => {
    expect(TIER_RULES.map((r) => [r.tier, r.commissionPct, r.signupBonus, r.planBonus.starter, r.planBonus.pro, r.planBonus.enterprise])).toEqual([
      ['bronze', 10, 200, 300, 700, 3700],
      ['silver', 15, 300, 450, 1050, 5550],
      ['gold', 20, 500, 600, 1400, 7400],
    ]);
    expect(planBonus('silver', 'pro')).toBe(1050);
  });
  it('needs both thresholds for a tier', () => {
    expect(tierFor(0, 0)).toBe('bronze');
    expect(tierFor(9, 100_000)).toBe('bronze');
    expect(tierFor(10, 4_999)).toBe('bronze');
    expect(tierFor(10, 5_000)).toBe('silver');
    expect(tierFor(29, 50_000)).toBe('silver');
    expect(tierFor(30, 19_999)).toBe('silver');
    expect(tierFor(30, 20_000)).toBe('gold');
    expect(progressToNext('bronze', 4, 1_000)).toEqual({ next_tier: 'silver', referrals_needed: 6, revenue_needed_twd: 4_000 });
    expect(progressToNext('gold', 40, 1)).toEqual({ next_tier: null, referrals_needed: 0, revenue_needed_twd: 0 });
  });
  it('counts months in Taiwan time', () => {
    expect(taipeiMonth(Date.parse('2025-01-31T15:59:59Z'))).toBe('2025-01');
    expect(taipeiMonth(Date.parse('2025-01-31T16:00:00Z'))).toBe('2025-02');
  });
});

describeEachDb('referral partners', (kind) => {
  let s: PartnerServer;
  let admin: Session;
  beforeAll(async () => {
    s = await startPartnerServer(kind);
    admin = await s.admin();
  });
  afterAll(async () => {
    await s?.close();
  });
  const bucket = async (u: Session, b: 'PROMO' | 'BONUS') => (await s.call<{ buckets: Record<string, { available: number }> }>('GET', '/v1/ledger/balance', undefined, u.token)).body.buckets[b]!.available;
  const me = async (u: Session) => (await s.call<Record<string, unknown> & { tier: string; earnings: Record<string, number> }>('GET', '/v1/referrals/me', undefined, u.token)).body;

  it('gives a code and link; a sign-up with it grants the referrer 200 PROMO at once', async () => {
    const a = await s.register({ device: 'device-a' });
    const code = await s.call<{ code: string; link: string }>('POST', '/v1/referrals/code', undefined, a.token);
    expect(code.status).toBe(200);
    expect(code.body.link).toBe(`http://localhost/r/${code.body.code}`);
    expect((await s.call('POST', '/v1/referrals/code')).status).toBe(401);
    const before = await bucket(a, 'PROMO');
    const b = await s.register({ referral_code: code.body.code, device: 'device-b' });
    expect((await bucket(a, 'PROMO')) - before).toBe(200);
    const view = await me(a);
    expect(view).toMatchObject({ tier: 'bronze', commission_pct: 10, qualified_referrals: 0, earnings: { promo_granted: 200, bonus_granted: 0 } });
    // The referrer sees the referee's masked address, never the account id.
    expect(view.referees).toEqual([{ name: `u***@${b.email.split('@')[1]!}`, joined_at: expect.any(Number), paid_twd: 0 }]);
    expect(JSON.stringify(view)).not.toContain(b.id);
  });

  it('grants a plan payment bonus once, whatever the retries and racing job runs', async () => {
    const a = await s.register({ device: 'dev-pay-a' });
    const code = (await s.call<{ code: string }>('POST', '/v1/referrals/code', undefined, a.token)).body.code;
    const b = await s.register({ referral_code: code, device: 'dev-pay-b' });
    const payment = { paymentRef: `stripe:sub:sub_${uuid()}:1`, userId: b.id, planId: 'starter', amountTwd: 299 };
    // The billing webhook may be delivered several times, concurrently.
    await Promise.all([1, 2, 3].map(() => s.app.billing.onPlanPaid?.(payment)));
    expect((await me(a)).earnings.bonus_pending).toBe(300);
    const runs = await Promise.all([1, 2, 3, 4].map(() => s.call<{ result: { granted: number } }>('POST', '/v1/admin/jobs/referral-bonuses/run', undefined, admin.token)));
    expect(runs.every((r) => r.status === 200)).toBe(true);
    expect(runs.reduce((n, r) => n + r.body.result.granted, 0)).toBe(1);
    await s.app.billing.onPlanPaid?.(payment);
    await s.call('POST', '/v1/admin/jobs/referral-bonuses/run', undefined, admin.token);
    expect(await bucket(a, 'BONUS')).toBe(300);
    expect((await me(a)).earnings).toMatchObject({ bonus_granted: 300, bonus_pending: 0 });
    // The next month's payment is another payment: another bonus.
    await s.app.billing.onPlanPaid?.({ ...payment, paymentRef: payment.paymentRef.replace(/:1$/, ':2') });
    await s.call('POST', '/v1/admin/jobs/referral-bonuses/run', undefined, admin.token);
    expect(await bucket(a, 'BONUS')).toBe(600);
    const journal = await s.db.db.selectFrom('journal').select('id').where('user_id', '=', a.id).where('kind', '=', 'grant').where('id', 'like', 'referral:payment:%').execute();
    expect(journal).toHaveLength(2);
    expect((await s.call('GET', '/v1/admin/ledger/check', undefined, admin.token)).body).toMatchObject({ ok: true });
    expect((await s.call('POST', '/v1/admin/jobs/referral-bonuses/run', undefined, a.token)).status).toBe(403);
  });

  it('upgrades to Silver at 10 paying referrals and NT$5,000, and pays the Silver bonus from then on', async () => {
    const a = await s.register({ device: 'dev-tier-a' });
    const code = (await s.call<{ code: string }>('POST', '/v1/referrals/code', undefined, a.token)).body.code;
    const referees: Session[] = [];
    for (let i = 0; i < 10; i++) referees.push(await s.register({ referral_code: code, device: `dev-tier-${i}` }));
    for (const [i, r] of referees.entries()) await s.app.billing.onPlanPaid?.({ paymentRef: `pay-tier-${a.id}-${i}`, userId: r.id, planId: 'pro', amountTwd: 699 });
    await s.call('POST', '/v1/admin/jobs/referral-bonuses/run', undefined, admin.token);
    const view = await me(a);
    expect(view).toMatchObject({ tier: 'silver', commission_pct: 15, qualified_referrals: 10, referred_revenue_twd: 6990, progress: { next_tier: 'gold', referrals_needed: 20, revenue_needed_twd: 13010 } });
    // Nine payments at Bronze (700), the tenth reaches Silver (1,050).
    expect(await bucket(a, 'BONUS')).toBe(9 * 700 + 1050);
    const monthly = await s.call<{ result: { queued: number } }>('POST', '/v1/admin/jobs/referral-monthly/run', undefined, admin.token);
    expect(monthly.body.result.queued).toBeGreaterThanOrEqual(1);
    const again = await s.call<{ result: { queued: number } }>('POST', '/v1/admin/jobs/referral-monthly/run', undefined, admin.token);
    expect(again.body.result.queued).toBe(0);
  });

  it('holds the bonus of a self-referral on one device; an admin clears it with a note', async () => {
    const a = await s.register({ device: 'same-machine' });
    const code = (await s.call<{ code: string }>('POST', '/v1/referrals/code', undefined, a.token)).body.code;
    const promo = await bucket(a, 'PROMO');
    const b = await s.register({ referral_code: code, device: 'same-machine' });
    expect(await bucket(a, 'PROMO')).toBe(promo);
    const risk = await s.call<{ level: string; rules: { code: string; reason: string }[] }>('GET', `/v1/admin/fraud/users/${a.id}`, undefined, admin.token);
    expect(risk.body.level).toBe('high');
    expect(risk.body.rules.map((r) => r.code)).toContain('self_referral');
    expect(s.alerts.alerts.some((x) => x.key === `fraud:user:${a.id}`)).toBe(true);
    await s.app.billing.onPlanPaid?.({ paymentRef: `pay-self-${b.id}`, userId: b.id, planId: 'starter', amountTwd: 299 });
    await s.call('POST', '/v1/admin/jobs/referral-bonuses/run', undefined, admin.token);
    expect(await bucket(a, 'BONUS')).toBe(0);
    expect((await me(a)).earnings.bonus_held).toBe(300);
    const listed = await s.call<{ users: { user_id: string }[] }>('GET', '/v1/admin/fraud/users?level=high', undefined, admin.token);
    expect(listed.body.users.map((u) => u.user_id)).toContain(a.id);
    expect((await s.call('POST', `/v1/admin/fraud/users/${a.id}/review`, { action: 'clear' }, admin.token)).status).toBe(400);
    const cleared = await s.call<{ level: string; note: string }>('POST', `/v1/admin/fraud/users/${a.id}/review`, { action: 'clear', note: 'siblings sharing a PC, checked by phone' }, admin.token);
    expect(cleared.body).toMatchObject({ level: 'low', note: 'siblings sharing a PC, checked by phone' });
    await s.call('POST', '/v1/admin/jobs/referral-bonuses/run', undefined, admin.token);
    expect(await bucket(a, 'BONUS')).toBe(300);
    expect(await bucket(a, 'PROMO')).toBe(promo + 200);
    // A login re-scores the user, but the reviewed evidence no longer counts.
    await s.call('POST', '/v1/auth/login', { email: a.email, password: a.password, device: 'same-machine' });
    expect((await s.call<{ level: string }>('GET', `/v1/admin/fraud/users/${a.id}`, undefined, admin.token)).body.level).toBe('low');
  });
});
