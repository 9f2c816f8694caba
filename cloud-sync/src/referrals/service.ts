import type { PaidPlanId } from '../billing/catalog.js';
import { findPlan } from '../billing/catalog.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { CommissionReversal } from '../billing/reversals.js';
import type { Ledger } from '../ledger/service.js';
import type { RewardKind, RiskLevel, Tier } from '../partners/tables.js';
import { refereeName } from './mask.js';
import type { TierProgress } from './tiers.js';
import { SIGNUP_BONUS_VALID_MS, higherTier, planBonus, progressToNext, ruleFor, taipeiMonth, tierFor } from './tiers.js';
import { LEDGER_REASONS } from '../ledger/reasons.js';

export interface PartnerView {
  code: string;
  link: string;
  tier: Tier;
  commission_pct: number;
  qualified_referrals: number;
  referred_revenue_twd: number;
  progress: TierProgress;
  /** Named by nickname or masked address, never by id. */
  referees: { name: string; joined_at: number; paid_twd: number }[];
  earnings: { promo_granted: number; bonus_granted: number; bonus_pending: number; bonus_held: number };
}

export interface BonusJobResult {
  granted: number;
  held: number;
  credits: number;
}

/**
 * The partner programme (seed §5): codes and links, tiers from the rule table, the PROMO sign-up
 * bonus at once, BONUS per referee payment queued and granted by a job. Every reward's id is its
 * ledger grant id, so retries and racing job runs grant it exactly once.
 */
export class ReferralService {
  constructor(
    private readonly h: DbHandle,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly riskOf: (userId: string) => Promise<RiskLevel>,
    private readonly publicUrl: () => string,
  ) {}

  private link(code: string): string {
    return `${this.publicUrl().replace(/\/$/, '')}/r/${encodeURIComponent(code)}`;
  }

  async tier(userId: string): Promise<Tier> {
    const row = await this.h.db.selectFrom('partners').select('tier').where('user_id', '=', userId).executeTakeFirst();
    return row?.tier ?? 'bronze';
  }

  private async stats(userId: string): Promise<{ referrals: number; revenue: number }> {
    const r = await this.h.db
      .selectFrom('referral_rewards')
      .select((eb) => [eb.fn.count<number>('referee_id').distinct().as('referrals'), eb.fn.sum<number>('amount_twd').as('revenue')])
      .where('referrer_id', '=', userId)
      .where('kind', '=', 'payment')
      .executeTakeFirst();
    return { referrals: Number(r?.referrals ?? 0), revenue: Number(r?.revenue ?? 0) };
  }

  /** Upgrades the partner when the rule table says so (never downgrades). */
  async evaluateTier(userId: string): Promise<Tier> {
    const now = this.clock.now();
    const current = await this.tier(userId);
    const s = await this.stats(userId);
    const next = higherTier(current, tierFor(s.referrals, s.revenue));
    await this.h.db
      .insertInto('partners')
      .values({ user_id: userId, tier: next, upgraded_at: next === current ? null : now, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ tier: next, updated_at: now, ...(next === current ? {} : { upgraded_at: now }) }))
      .execute();
    return next;
  }

  async code(userId: string): Promise<{ code: string; link: string }> {
    const u = await this.h.db.selectFrom('users').select('referral_code').where('id', '=', userId).executeTakeFirst();
    if (!u) throw new ApiError(404, 'USER_NOT_FOUND', 'no such user');
    await this.evaluateTier(userId);
    return { code: u.referral_code, link: this.link(u.referral_code) };
  }

  async me(userId: string): Promise<PartnerView> {
    const { code, link } = await this.code(userId);
    const tier = await this.tier(userId);
    const s = await this.stats(userId);
    const referees = await this.h.db
      .selectFrom('users')
      .leftJoin('referral_rewards', (j) => j.onRef('referral_rewards.referee_id', '=', 'users.id').on('referral_rewards.kind', '=', 'payment'))
      .select((eb) => ['users.id', 'users.email', 'users.phone', 'users.nickname', 'users.created_at as joined_at', eb.fn.coalesce(eb.fn.sum<number>('referral_rewards.amount_twd'), eb.lit(0)).as('paid_twd')])
      .where('users.referred_by', '=', userId)
      .groupBy(['users.id', 'users.email', 'users.phone', 'users.nickname', 'users.created_at'])
      .orderBy('users.created_at', 'desc')
      .limit(500)
      .execute();
    const sums = await this.h.db
      .selectFrom('referral_rewards')
      .select((eb) => ['bucket', 'status', eb.fn.sum<number>('credits').as('credits')])
      .where('referrer_id', '=', userId)
      .groupBy(['bucket', 'status'])
      .execute();
    const sum = (bucket: string, status: string) => Number(sums.find((x) => x.bucket === bucket && x.status === status)?.credits ?? 0);
    return {
      code,
      link,
      tier,
      commission_pct: ruleFor(tier).commissionPct,
      qualified_referrals: s.referrals,
      referred_revenue_twd: s.revenue,
      progress: progressToNext(tier, s.referrals, s.revenue),
      referees: referees.map((r) => ({ name: refereeName(r), joined_at: Number(r.joined_at), paid_twd: Number(r.paid_twd) })),
      earnings: { promo_granted: sum('PROMO', 'granted'), bonus_granted: sum('BONUS', 'granted'), bonus_pending: sum('BONUS', 'pending'), bonus_held: sum('BONUS', 'held') },
    };
  }

  /** A referee signed up with the code: the referrer's PROMO bonus, granted at once unless the referrer's risk holds it. */
  async onSignup(refereeId: string, referrerId: string): Promise<void> {
    const tier = await this.tier(referrerId);
    await this.enqueue({ id: `referral:signup:${refereeId}`, referrerId, refereeId, kind: 'signup', bucket: 'PROMO', tier, plan: null, amountTwd: 0, credits: ruleFor(tier).signupBonus });
    await this.runBonusJob({ only: `referral:signup:${refereeId}` });
  }

  /** A referee paid for a plan (one call per payment; repeats are no-ops). The bonus is granted by the job. */
  async onPlanPaid(p: { paymentRef: string; userId: string; planId: string; amountTwd: number }): Promise<void> {
    const plan = findPlan(p.planId);
    if (!plan || plan.id === 'free') return;
    const user = await this.h.db.selectFrom('users').select('referred_by').where('id', '=', p.userId).executeTakeFirst();
    if (!user?.referred_by) return;
    const id = `referral:payment:${p.paymentRef}`;
    if (await this.h.db.selectFrom('referral_rewards').select('id').where('id', '=', id).executeTakeFirst()) return;
    const referrerId = user.referred_by;
    // The payment counts towards the tier it is paid at: evaluate the upgrade with it included.
    const s = await this.stats(referrerId);
    const already = await this.h.db.selectFrom('referral_rewards').select('id').where('referrer_id', '=', referrerId).where('referee_id', '=', p.userId).where('kind', '=', 'payment').executeTakeFirst();
    const current = await this.tier(referrerId);
    const tier = higherTier(current, tierFor(s.referrals + (already ? 0 : 1), s.revenue + p.amountTwd));
    await this.enqueue({ id, referrerId, refereeId: p.userId, kind: 'payment', bucket: 'BONUS', tier, plan: plan.id, amountTwd: p.amountTwd, credits: planBonus(tier, plan.id as PaidPlanId) });
    await this.evaluateTier(referrerId);
  }

  /**
   * The referee's payment was refunded or disputed (`reversedMinor` of `amountMinor`): the
   * commission it earned is owed back in the same proportion. Not yet granted, it shrinks (the job
   * grants what is left); granted, the ledger takes back what the referrer has not spent or
   * withdrawn. Idempotent: owed amounts only grow and the ledger accounts each share once.
   */
  async reverseCommission(p: { paymentRef: string; eventId: string; reversedMinor: number; amountMinor: number }): Promise<CommissionReversal | null> {
    const id = `referral:payment:${p.paymentRef}`;
    const r = await this.h.db.selectFrom('referral_rewards').select(['referrer_id', 'credits']).where('id', '=', id).executeTakeFirst();
    if (!r) return null;
    const owed = Math.floor((Number(r.credits) * p.reversedMinor) / p.amountMinor);
    await this.h.db.updateTable('referral_rewards').set({ reversed_credits: owed }).where('id', '=', id).where('status', 'in', ['pending', 'held']).where('reversed_credits', '<', owed).execute();
    // The ledger says whether (and how much) was granted — also when the bonus job granted between
    // the read and the update above.
    const grant = await this.h.db.selectFrom('journal').select('amount').where('id', '=', id).where('kind', '=', 'grant').executeTakeFirst();
    if (!grant) return { owed, retired: 0, not_recovered: 0 };
    const withheld = Number(r.credits) - Number(grant.amount);
    const settled = await this.ledger.settleReversal(r.referrer_id, { id: `reversal:${id}:${p.eventId}`, parentId: id, sourceRef: id, owed: Math.max(0, owed - withheld), reason: 'referral commission: payment refunded or disputed', createdBy: 'referrals' });
    return { owed, retired: settled.retired, not_recovered: settled.not_recovered };
  }

  private async enqueue(r: { id: string; referrerId: string; refereeId: string | null; kind: RewardKind; bucket: 'PROMO' | 'BONUS'; tier: Tier; plan: string | null; amountTwd: number; credits: number }): Promise<void> {
    if (r.credits <= 0) return;
    const now = this.clock.now();
    const risk = await this.riskOf(r.referrerId);
    await this.h.db
      .insertInto('referral_rewards')
      .values({
        id: r.id,
        referrer_id: r.referrerId,
        referee_id: r.refereeId,
        kind: r.kind,
        bucket: r.bucket,
        tier: r.tier,
        plan: r.plan,
        amount_twd: r.amountTwd,
        credits: r.credits,
        status: risk === 'high' || risk === 'blocked' ? 'held' : 'pending',
        due_at: now,
        granted_at: null,
        created_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** Rewards the bonus job has yet to grant (the health check's queue length). */
  async dueCount(): Promise<number> {
    const r = await this.h.db
      .selectFrom('referral_rewards')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .where('due_at', '<=', this.clock.now())
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /**
   * Grants due rewards (the job runs every few minutes, well within the 24 hours of seed §5.3).
   * A referrer at high risk has them held instead. Safe to run concurrently and to retry.
   */
  async runBonusJob(opts: { only?: string; limit?: number } = {}): Promise<BonusJobResult> {
    const now = this.clock.now();
    const due = await this.h.db
      .selectFrom('referral_rewards')
      .selectAll()
      .where('status', '=', 'pending')
      .where('due_at', '<=', now)
      .$if(opts.only !== undefined, (qb) => qb.where('id', '=', opts.only ?? ''))
      .orderBy('due_at')
      .limit(opts.limit ?? 500)
      .execute();
    const out: BonusJobResult = { granted: 0, held: 0, credits: 0 };
    for (const r of due) {
      const risk = await this.riskOf(r.referrer_id);
      if (risk === 'high' || risk === 'blocked') {
        await this.h.db.updateTable('referral_rewards').set({ status: 'held' }).where('id', '=', r.id).where('status', '=', 'pending').execute();
        out.held++;
        continue;
      }
      // Everything in the grant derives from the stored row, so a retry sends the identical request.
      // PROMO lives 30 days from when it became due (a held reward cleared later gets its full life;
      // the ledger refuses a PROMO grant with under 7 days left).
      const expiresAt = r.bucket === 'PROMO' ? r.due_at + SIGNUP_BONUS_VALID_MS : null;
      if (expiresAt !== null && expiresAt <= now) continue;
      // What a refund or dispute of the referee's payment took back before the grant is not granted.
      const credits = r.credits - r.reversed_credits;
      try {
        if (credits > 0) await this.ledger.grant({ id: r.id, user_id: r.referrer_id, bucket: r.bucket, amount: credits, expires_at: expiresAt, reason: LEDGER_REASONS.referralBonus(r.kind, r.tier) }, 'referrals', r.id);
      } catch (err) {
        // A racing run inserted the same grant id first; the ledger kept exactly one.
        if (!(err instanceof ApiError && err.code === 'IDEMPOTENCY_CONFLICT')) throw err;
        const done = await this.h.db.selectFrom('journal').select('id').where('id', '=', r.id).executeTakeFirst();
        if (!done) throw err;
      }
      const upd = await this.h.db.updateTable('referral_rewards').set({ status: 'granted', granted_at: now }).where('id', '=', r.id).where('status', '=', 'pending').executeTakeFirst();
      if (Number(upd.numUpdatedRows) === 1) {
        out.granted++;
        out.credits += Math.max(0, credits);
      }
    }
    return out;
  }

  /** Monthly: re-evaluates every partner's tier and queues the Silver/Gold monthly bonus (once per partner per month). */
  async runMonthlyJob(): Promise<{ evaluated: number; queued: number }> {
    const now = this.clock.now();
    const month = taipeiMonth(now);
    const referrers = await this.h.db.selectFrom('referral_rewards').select('referrer_id').distinct().execute();
    let queued = 0;
    for (const { referrer_id } of referrers) {
      const tier = await this.evaluateTier(referrer_id);
      const bonus = ruleFor(tier).monthlyBonus;
      if (bonus <= 0) continue;
      const id = `referral:monthly:${referrer_id}:${month}`;
      const before = await this.h.db.selectFrom('referral_rewards').select('id').where('id', '=', id).executeTakeFirst();
      if (before) continue;
      await this.enqueue({ id, referrerId: referrer_id, refereeId: null, kind: 'monthly', bucket: 'BONUS', tier, plan: null, amountTwd: 0, credits: bonus });
      queued++;
    }
    return { evaluated: referrers.length, queued };
  }
}
