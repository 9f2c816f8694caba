import type { Alerter } from '../alerts/alerter.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { RiskLevel } from '../partners/tables.js';
import type { Hasher } from './hash.js';
import type { FiredRule } from './rules.js';
import { EVENT_RULE_CODES, FRAUD_RULES, atLeast, levelOf, thresholdLevel } from './rules.js';

export type FingerprintEvent = 'signup' | 'login' | 'referral' | 'withdrawal';

export interface RiskView {
  user_id: string;
  level: RiskLevel;
  rules: FiredRule[];
  cleared_rules: string[];
  note: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  updated_at: number | null;
}

const isLoopback = (ip: string): boolean => ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');

const parseList = <T>(s: string): T[] => JSON.parse(s) as T[];

/**
 * Fraud signals (seed §7.2–7.3): hashed IP and device fingerprints per sign-up, login, referral and
 * withdrawal; rules with reasons; a risk level per user. High risk holds the user's pending referral
 * rewards; an admin reviews and clears with a note; a rise to high or blocked alerts the admins.
 */
export class FraudService {
  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly hasher: Hasher,
    private readonly alerter: Alerter,
  ) {}

  /** Stores hashes (never the raw values) of where an event came from, then re-scores the user. */
  async record(userId: string, event: FingerprintEvent, ip: string | null, device: string | null | undefined): Promise<void> {
    await this.h.db
      .insertInto('fingerprints')
      .values({
        user_id: userId,
        event,
        // Loopback means "same machine as the server" (development, tests), not a shared network.
        ip_hash: ip && !isLoopback(ip) ? this.hasher.hash('ip', ip) : null,
        device_hash: device ? this.hasher.hash('device', device) : null,
        created_at: this.clock.now(),
      })
      .execute();
  }

  /** A card the user paid with, as a keyed hash of the provider's card fingerprint (the card number is never seen). */
  async recordPayment(userId: string, cardFingerprint: string): Promise<void> {
    await this.h.db
      .insertInto('fingerprints')
      .values({ user_id: userId, event: 'payment', ip_hash: null, device_hash: null, payment_hash: this.hasher.hash('card', cardFingerprint), created_at: this.clock.now() })
      .execute();
  }

  async level(userId: string): Promise<RiskLevel> {
    const row = await this.h.db.selectFrom('risk_profiles').select('level').where('user_id', '=', userId).executeTakeFirst();
    return row?.level ?? 'low';
  }

  async view(userId: string): Promise<RiskView> {
    const row = await this.h.db.selectFrom('risk_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
    if (!row) return { user_id: userId, level: 'low', rules: [], cleared_rules: [], note: null, reviewed_by: null, reviewed_at: null, updated_at: null };
    return {
      user_id: userId,
      level: row.level,
      rules: parseList<FiredRule>(row.rules),
      cleared_rules: parseList<string>(row.cleared_rules),
      note: row.note,
      reviewed_by: row.reviewed_by,
      reviewed_at: row.reviewed_at,
      updated_at: row.updated_at,
    };
  }

  /** Runs every rule for the user and stores the outcome; holds rewards and alerts on a rise to high or blocked. */
  async evaluate(userId: string, extra: FiredRule[] = []): Promise<RiskView> {
    const now = this.clock.now();
    const prior = await this.view(userId);
    const cleared = new Set(prior.cleared_rules);
    const fired = [...(await this.rules(userId, now)), ...extra, ...prior.rules.filter((r) => EVENT_RULE_CODES.includes(r.code))];
    const unique = [...new Map(fired.map((r) => [r.key, r])).values()].filter((r) => !cleared.has(r.key));
    // An admin's block stands until an admin clears it.
    const level = prior.level === 'blocked' && prior.reviewed_at !== null ? 'blocked' : levelOf(unique);
    await this.store(userId, level, unique, prior.cleared_rules, prior.note, prior.reviewed_by, prior.reviewed_at, now);
    if (atLeast(level, 'high')) await this.holdRewards(userId);
    if (atLeast(level, 'high') && level !== prior.level) {
      await this.alerter.raise({
        key: `fraud:user:${userId}`,
        level: level === 'blocked' ? 'critical' : 'warning',
        title: `user risk ${level}`,
        message: `user ${userId}: ${unique.map((r) => r.reason).join('; ')}`,
      });
    }
    return this.view(userId);
  }

  /** The ids of `referrerId`'s referees with a fingerprint whose `column` is one of `hashes`. */
  private async refereesSharing(referrerId: string, column: 'device_hash' | 'payment_hash', hashes: string[]): Promise<string[]> {
    if (hashes.length === 0) return [];
    const rows = await this.h.db
      .selectFrom('users')
      .innerJoin('fingerprints', 'fingerprints.user_id', 'users.id')
      .select('users.id')
      .distinct()
      .where('users.referred_by', '=', referrerId)
      .where(`fingerprints.${column}`, 'in', hashes)
      .execute();
    return rows.map((r) => r.id);
  }

  private async rules(userId: string, now: number): Promise<FiredRule[]> {
    const out: FiredRule[] = [];
    const mine = await this.h.db.selectFrom('fingerprints').select(['ip_hash', 'device_hash', 'payment_hash']).where('user_id', '=', userId).execute();
    const distinct = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))];
    const ips = distinct(mine.map((m) => m.ip_hash));
    const devices = distinct(mine.map((m) => m.device_hash));
    const cards = distinct(mine.map((m) => m.payment_hash));

    for (const ip of ips) {
      const others = await this.h.db
        .selectFrom('fingerprints')
        .select((eb) => eb.fn.count<number>('user_id').distinct().as('n'))
        .where('ip_hash', '=', ip)
        .where('user_id', '<>', userId)
        .where('created_at', '>', now - FRAUD_RULES.sharedIp.windowMs)
        .executeTakeFirst();
      const n = Number(others?.n ?? 0);
      const level = thresholdLevel(n, FRAUD_RULES.sharedIp);
      if (level) out.push({ code: 'shared_ip', level, reason: `${n} other accounts from the same IP address`, key: `shared_ip:${ip.slice(0, 16)}:${level}` });
    }
    for (const device of devices) {
      const others = await this.h.db
        .selectFrom('fingerprints')
        .select((eb) => eb.fn.count<number>('user_id').distinct().as('n'))
        .where('device_hash', '=', device)
        .where('user_id', '<>', userId)
        .executeTakeFirst();
      const n = Number(others?.n ?? 0);
      const level = thresholdLevel(n, FRAUD_RULES.sharedDevice);
      if (level) out.push({ code: 'shared_device', level, reason: `${n} other accounts on the same device`, key: `shared_device:${device.slice(0, 16)}:${level}` });
    }

    // Self-referral: a referee on one of the referrer's devices, or paying with one of the
    // referrer's cards (the referrer is who profits). Each kind of evidence has its own key, so
    // clearing the device evidence does not clear the card's.
    for (const r of await this.refereesSharing(userId, 'device_hash', devices)) {
      out.push({ code: 'self_referral', level: 'high', reason: `referee ${r} signed up on the referrer's device`, key: `self_referral:${r}` });
    }
    for (const r of await this.refereesSharing(userId, 'payment_hash', cards)) {
      out.push({ code: 'self_referral', level: 'high', reason: `referee ${r} paid with the referrer's payment card`, key: `self_referral:card:${r}` });
    }

    const burst = await this.h.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('referred_by', '=', userId)
      .where('created_at', '>', now - FRAUD_RULES.signupBurst.windowMs)
      .executeTakeFirst();
    const n = Number(burst?.n ?? 0);
    const burstLevel = thresholdLevel(n, FRAUD_RULES.signupBurst);
    if (burstLevel) out.push({ code: 'signup_burst', level: burstLevel, reason: `${n} sign-ups on this referral code within an hour`, key: `signup_burst:${Math.floor(now / FRAUD_RULES.signupBurst.windowMs)}:${burstLevel}` });
    return out;
  }

  /** Called when a withdrawal is requested: flags a withdrawal soon after sign-up. */
  async onWithdrawal(userId: string): Promise<void> {
    const u = await this.h.db.selectFrom('users').select('created_at').where('id', '=', userId).executeTakeFirst();
    const extra: FiredRule[] = [];
    if (u && this.clock.now() - u.created_at < FRAUD_RULES.quickWithdrawalMs) {
      extra.push({ code: 'quick_withdrawal', level: 'medium', reason: 'withdrawal within 7 days of sign-up', key: `quick_withdrawal:${userId}` });
    }
    await this.evaluate(userId, extra);
  }

  async review(userId: string, adminId: string, action: 'clear' | 'block', note: string): Promise<RiskView> {
    const exists = await this.h.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!exists) throw new ApiError(404, 'USER_NOT_FOUND', `no user ${userId}`);
    const now = this.clock.now();
    const prior = await this.view(userId);
    if (action === 'block') {
      await this.store(userId, 'blocked', prior.rules, prior.cleared_rules, note, adminId, now, now);
      await this.holdRewards(userId);
    } else {
      const cleared = [...new Set([...prior.cleared_rules, ...prior.rules.map((r) => r.key)])];
      await this.store(userId, 'low', [], cleared, note, adminId, now, now);
      // Held rewards go back to the queue; the bonus job grants them on its next run.
      await this.h.db.updateTable('referral_rewards').set({ status: 'pending', due_at: now }).where('referrer_id', '=', userId).where('status', '=', 'held').execute();
    }
    return this.view(userId);
  }

  async list(level: RiskLevel | undefined, limit: number): Promise<RiskView[]> {
    const rows = await this.h.db
      .selectFrom('risk_profiles')
      .select('user_id')
      .$if(level !== undefined, (qb) => qb.where('level', '=', level ?? 'low'))
      .$if(level === undefined, (qb) => qb.where('level', '<>', 'low'))
      .orderBy('updated_at', 'desc')
      .limit(limit)
      .execute();
    return Promise.all(rows.map((r) => this.view(r.user_id)));
  }

  private async holdRewards(userId: string): Promise<void> {
    await this.h.db.updateTable('referral_rewards').set({ status: 'held' }).where('referrer_id', '=', userId).where('status', '=', 'pending').execute();
  }

  private async store(userId: string, level: RiskLevel, rules: FiredRule[], cleared: string[], note: string | null, reviewedBy: string | null, reviewedAt: number | null, now: number): Promise<void> {
    const values = { level, rules: JSON.stringify(rules), cleared_rules: JSON.stringify(cleared), note, reviewed_by: reviewedBy, reviewed_at: reviewedAt, updated_at: now };
    await this.h.db
      .insertInto('risk_profiles')
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .execute();
  }
}
