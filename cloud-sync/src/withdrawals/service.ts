import type { Clock } from '../clock.js';
import type { Kysely } from 'kysely';
import type { DbHandle } from '../db/connect.js';
import { transact } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { ApiError, idempotencyConflict } from '../errors.js';
import type { FraudService } from '../fraud/service.js';
import type { Ledger } from '../ledger/service.js';
import { requestHash } from '../ledger/service.js';
import type { WithdrawalStatus } from '../partners/tables.js';
import { taipeiMonth } from '../referrals/tiers.js';
import type { IdentityVerification } from '../verification/identity.js';
import type { PhoneVerification } from '../verification/phone.js';
import type { WithdrawalTotpGate } from './totp-gate.js';
import { LEDGER_REASONS } from '../ledger/reasons.js';

/** Seed §4.3. */
export const WITHDRAWAL_RULES = { creditsPerTwd: 10, min: 3_000, maxPerRequest: 100_000, maxPerMonth: 300_000 } as const;

export interface Payout {
  bank_code: string;
  account_number: string;
  account_name: string;
}

export interface WithdrawalView {
  id: string;
  user_id: string;
  amount: number;
  amount_twd: number;
  period: string;
  status: WithdrawalStatus;
  payout: { bank_code: string; account_last4: string; account_name: string };
  note: string | null;
  created_at: number;
  updated_at: number;
  events: { from: WithdrawalStatus | null; to: WithdrawalStatus; actor: string; note: string | null; at: number }[];
}

/**
 * Cash-out of BONUS credits: requested → approved → paid, or rejected (credits back); one asked for
 * within 24 hours of a 2FA change starts as `review` instead, for an admin to approve or reject. The credits
 * leave the wallet at request (BONUS → paid_out in the ledger, counted against the month's cap);
 * rejection is a correcting ledger entry. Every state change is a `withdrawal_events` row.
 */
export class WithdrawalService {
  constructor(
    private readonly h: DbHandle,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly phone: PhoneVerification,
    private readonly identity: IdentityVerification,
    private readonly fraud: FraudService,
    private readonly totp: WithdrawalTotpGate,
  ) {}

  async request(userId: string, input: { id: string; amount: number; totp: string; payout: Payout }): Promise<WithdrawalView> {
    const hash = requestHash('withdrawal', { amount: input.amount, payout: input.payout });
    const prior = await this.h.db.selectFrom('withdrawals').select(['user_id', 'request_hash']).where('id', '=', input.id).executeTakeFirst();
    if (prior) {
      if (prior.user_id !== userId || prior.request_hash !== hash) throw idempotencyConflict(input.id);
      return this.get(input.id, userId);
    }
    const r = WITHDRAWAL_RULES;
    if (input.amount < r.min) throw new ApiError(422, 'WITHDRAWAL_BELOW_MINIMUM', `the minimum withdrawal is ${r.min} credits`);
    if (input.amount > r.maxPerRequest) throw new ApiError(422, 'WITHDRAWAL_ABOVE_MAXIMUM', `at most ${r.maxPerRequest} credits per withdrawal`);
    if (input.amount % r.creditsPerTwd !== 0) throw new ApiError(422, 'WITHDRAWAL_NOT_WHOLE_TWD', `the amount must be a multiple of ${r.creditsPerTwd} credits (NT$1)`);
    if ((await this.fraud.level(userId)) === 'blocked') throw new ApiError(403, 'ACCOUNT_BLOCKED', 'this account is blocked from withdrawals pending review');
    if (!(await this.phone.status(userId)).verified) throw new ApiError(403, 'PHONE_NOT_VERIFIED', 'verify your phone number first');
    if (!(await this.identity.isVerified(userId))) throw new ApiError(403, 'IDENTITY_NOT_VERIFIED', 'your identity must be verified first');
    await this.totp.check(userId, input.totp);
    const status: WithdrawalStatus = (await this.totp.state(userId)).review_until === null ? 'requested' : 'review';

    const now = this.clock.now();
    const period = taipeiMonth(now);
    await this.ledger.withdraw(
      userId,
      { id: input.id, amount: input.amount, period, monthlyCap: r.maxPerMonth, reason: LEDGER_REASONS.withdrawalRequested() },
      async (tx, t) => {
        await tx
          .insertInto('withdrawals')
          .values({ id: input.id, user_id: userId, amount: input.amount, amount_twd: input.amount / r.creditsPerTwd, period, status, payout: JSON.stringify(input.payout), request_hash: hash, note: null, created_at: t, updated_at: t })
          .execute();
        await tx.insertInto('withdrawal_events').values({ withdrawal_id: input.id, from_status: null, to_status: status, actor: userId, note: status === 'review' ? 'two-factor authentication changed within 24 hours' : null, journal_id: input.id, created_at: t }).execute();
      },
    );
    await this.fraud.onWithdrawal(userId);
    return this.get(input.id, userId);
  }

  async get(id: string, userId?: string): Promise<WithdrawalView> {
    const w = await this.h.db
      .selectFrom('withdrawals')
      .selectAll()
      .where('id', '=', id)
      .$if(userId !== undefined, (qb) => qb.where('user_id', '=', userId ?? ''))
      .executeTakeFirst();
    if (!w) throw new ApiError(404, 'WITHDRAWAL_NOT_FOUND', `no withdrawal ${id}`);
    const events = await this.h.db.selectFrom('withdrawal_events').selectAll().where('withdrawal_id', '=', id).orderBy('seq').execute();
    const p = JSON.parse(w.payout) as Payout;
    return {
      id: w.id,
      user_id: w.user_id,
      amount: w.amount,
      amount_twd: w.amount_twd,
      period: w.period,
      status: w.status,
      payout: { bank_code: p.bank_code, account_last4: p.account_number.slice(-4), account_name: p.account_name },
      note: w.note,
      created_at: w.created_at,
      updated_at: w.updated_at,
      events: events.map((e) => ({ from: e.from_status, to: e.to_status, actor: e.actor, note: e.note, at: e.created_at })),
    };
  }

  async list(filter: { userId?: string; status?: WithdrawalStatus }, limit: number): Promise<WithdrawalView[]> {
    const rows = await this.h.db
      .selectFrom('withdrawals')
      .select('id')
      .$if(filter.userId !== undefined, (qb) => qb.where('user_id', '=', filter.userId ?? ''))
      .$if(filter.status !== undefined, (qb) => qb.where('status', '=', filter.status ?? 'requested'))
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return Promise.all(rows.map((r) => this.get(r.id)));
  }

  /** The Profile page's verification state: phone, identity (masked), 2FA. */
  async requirements(userId: string) {
    const [phone, identity, u] = await Promise.all([
      this.phone.status(userId),
      this.identity.latest(userId),
      this.h.db.selectFrom('users').select('totp_enabled').where('id', '=', userId).executeTakeFirstOrThrow(),
    ]);
    return { phone, identity, totp_enabled: u.totp_enabled === 1 };
  }

  /** What the desktop's withdraw form needs: rules, this month's use, the withdrawable balance. */
  async summary(userId: string) {
    const period = taipeiMonth(this.clock.now());
    const lim = await this.h.db.selectFrom('withdraw_limits').select('used').where('user_id', '=', userId).where('period', '=', period).executeTakeFirst();
    const balance = await this.ledger.balance(userId);
    const req = await this.requirements(userId);
    const gate = await this.totp.state(userId);
    const used = lim?.used ?? 0;
    return {
      rules: { credits_per_twd: WITHDRAWAL_RULES.creditsPerTwd, min: WITHDRAWAL_RULES.min, max_per_request: WITHDRAWAL_RULES.maxPerRequest, max_per_month: WITHDRAWAL_RULES.maxPerMonth },
      period,
      used_this_month: used,
      remaining_this_month: WITHDRAWAL_RULES.maxPerMonth - used,
      bonus_available: balance.buckets.BONUS.available,
      requirements: { phone_verified: req.phone.verified, identity_status: req.identity?.status ?? 'none', totp_enabled: req.totp_enabled },
      // Until when wrong codes keep withdrawals locked, and until when new ones are held for review (null: not).
      locked_until: gate.locked_until,
      review_until: gate.review_until,
      withdrawals: await this.list({ userId }, 50),
    };
  }

  private async transition(id: string, from: WithdrawalStatus[], to: WithdrawalStatus, actor: string, note: string | null): Promise<WithdrawalView> {
    const w = await this.h.db.selectFrom('withdrawals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!w) throw new ApiError(404, 'WITHDRAWAL_NOT_FOUND', `no withdrawal ${id}`);
    if (!from.includes(w.status)) throw new ApiError(409, 'WITHDRAWAL_STATE', `withdrawal ${id} is ${w.status}; cannot become ${to}`);
    const now = this.clock.now();
    const apply = async (tx: Kysely<Database>, t: number, journalId: string | null) => {
      const res = await tx.updateTable('withdrawals').set({ status: to, note, updated_at: t }).where('id', '=', id).where('status', '=', w.status).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new ApiError(409, 'WITHDRAWAL_STATE', `withdrawal ${id} changed meanwhile`);
      await tx.insertInto('withdrawal_events').values({ withdrawal_id: id, from_status: w.status, to_status: to, actor, note, journal_id: journalId, created_at: t }).execute();
    };
    if (to === 'rejected') {
      // The correcting ledger entry and the state change commit together.
      await this.ledger.reverseWithdrawal(w.user_id, id, { id: `${id}:rejected`, period: w.period, reason: LEDGER_REASONS.withdrawalRejected(note ?? ''), createdBy: actor }, (tx, t) => apply(tx, t, `${id}:rejected`));
    } else {
      await transact(this.h, (tx) => apply(tx, now, null));
    }
    return this.get(id);
  }

  approve(id: string, adminId: string, note: string | null): Promise<WithdrawalView> {
    return this.transition(id, ['requested', 'review'], 'approved', `admin:${adminId}`, note);
  }
  markPaid(id: string, adminId: string, note: string | null): Promise<WithdrawalView> {
    return this.transition(id, ['approved'], 'paid', `admin:${adminId}`, note);
  }
  reject(id: string, adminId: string, note: string): Promise<WithdrawalView> {
    return this.transition(id, ['requested', 'review', 'approved'], 'rejected', `admin:${adminId}`, note);
  }
}
