import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Alerter } from '../alerts/alerter.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { ping } from '../db/connect.js';
import { Hasher } from '../fraud/hash.js';
import { FraudService } from '../fraud/service.js';
import { Heartbeats } from '../health/heartbeats.js';
import { HealthMonitor } from '../health/monitor.js';
import { fullCheck } from '../health/probes.js';
import type { Usage } from '../health/readings.js';
import { diskReader, readMemory } from '../health/readings.js';
import { registerHealthRoutes } from '../health/routes.js';
import type { Ledger } from '../ledger/service.js';
import type { Mailer } from '../mail/mailer.js';
import { totpChangedMail } from '../notices/owner-mail.js';
import { registerNoticeRoutes } from '../notices/routes.js';
import { NoticeService } from '../notices/service.js';
import { ReferralService } from '../referrals/service.js';
import { IdentityVerification } from '../verification/identity.js';
import { PhoneVerification } from '../verification/phone.js';
import type { SmsProvider } from '../verification/sms.js';
import { ConsoleSms } from '../verification/sms.js';
import { WithdrawalService } from '../withdrawals/service.js';
import { TOTP_CHANGE_REVIEW_MS, WithdrawalTotpGate } from '../withdrawals/totp-gate.js';
import { TokenCipher } from '../vault/cipher.js';
import type { PlatformOverrides } from '../vault/platforms.js';
import { resolvePlatforms } from '../vault/platforms.js';
import { registerVaultRoutes } from '../vault/routes.js';
import type { VaultOptions } from '../vault/service.js';
import { VaultService } from '../vault/service.js';
import type { RouteKit } from './routes.js';
import { registerPartnerRoutes } from './routes.js';

export interface PartnerOptions {
  sms?: SmsProvider;
  /** Key of the keyed hashes (IPs, fingerprints, ID numbers, OTPs); derived from the JWT secret when absent. */
  hashKey?: string;
  /** Background job periods (under `serve`). */
  bonusJobMs?: number;
  monthlyJobMs?: number;
  /** Token encryption keys; else KINGJAM_VAULT_KEYS, else a per-process key (development only). */
  cipher?: TokenCipher;
  /** OAuth clients and endpoint overrides per platform; else KINGJAM_OAUTH_<PLATFORM>_CLIENT_ID/_SECRET. */
  platforms?: PlatformOverrides;
  vault?: VaultOptions;
  health?: HealthOptions;
}

export interface HealthOptions {
  /** Whose disk the disk check measures; the SQLite file's folder by default, else the working directory. */
  dataDir?: string;
  /** Readings in place of the real ones (tests drive them). */
  memory?: () => Promise<Usage>;
  disk?: () => Promise<Usage>;
  /** How often the monitor looks for due checks (the checks keep their own periods). */
  tickMs?: number;
}

type Job = 'referral-bonuses' | 'referral-monthly' | 'token-refresh';

/** The SQLite file's folder; the working directory on PostgreSQL. */
export function dataDirOf(h: DbHandle): string {
  const file = h.dialect === 'sqlite' ? h.description.replace(/^sqlite:/, '') : '';
  return file && file !== ':memory:' ? dirname(file) : process.cwd();
}

/** Builds the issue-5 services on one database and wires them to each other and to the app. */
export class Partners {
  readonly hasher: Hasher;
  readonly fraud: FraudService;
  readonly referrals: ReferralService;
  readonly phone: PhoneVerification;
  readonly identity: IdentityVerification;
  readonly withdrawals: WithdrawalService;
  readonly vault: VaultService;
  readonly notices: NoticeService;
  readonly heartbeats: Heartbeats;
  readonly health: HealthMonitor;

  constructor(
    private readonly h: DbHandle,
    ledger: Ledger,
    private readonly clock: Clock,
    readonly alerter: Alerter,
    private readonly opts: PartnerOptions & { jwtSecret: string; publicUrl: () => string },
  ) {
    this.hasher = new Hasher(opts.hashKey ?? createHash('sha256').update(`kingjam-fingerprints\u0000${opts.jwtSecret}`).digest('hex'));
    this.fraud = new FraudService(h, clock, this.hasher, alerter);
    this.referrals = new ReferralService(h, ledger, clock, (id) => this.fraud.level(id), opts.publicUrl);
    this.phone = new PhoneVerification(h, clock, this.hasher, opts.sms ?? new ConsoleSms());
    this.identity = new IdentityVerification(h, clock, this.hasher);
    this.notices = new NoticeService(h, clock);
    this.withdrawals = new WithdrawalService(h, ledger, clock, this.phone, this.identity, this.fraud, new WithdrawalTotpGate(h, clock, alerter, this.notices));
    const fromEnv = opts.cipher ?? TokenCipher.fromEnv(process.env);
    if (!fromEnv && process.env.NODE_ENV === 'production') throw new Error('KINGJAM_VAULT_KEYS is required when NODE_ENV=production');
    const cipher = fromEnv ?? TokenCipher.ephemeral();
    this.vault = new VaultService(h, clock, cipher, this.hasher, alerter, this.notices, resolvePlatforms(opts.platforms ?? {}, process.env), opts.vault);
    this.heartbeats = new Heartbeats(clock);
    const dataDir = opts.health?.dataDir ?? dataDirOf(h);
    this.health = new HealthMonitor(clock, alerter, this.heartbeats, {
      ping: () => ping(h),
      full: () => fullCheck(h, dataDir),
      memory: opts.health?.memory ?? readMemory,
      disk: opts.health?.disk ?? diskReader(dataDir),
      queue: () => this.queueLength(),
    });
  }

  /**
   * The service's pending background work: rewards the bonus job has to grant, connections the
   * refresh job has to renew, and open holds past their expiry that the ledger sweeper has to end.
   */
  async queueLength(): Promise<Record<string, number>> {
    const holds = await this.h.db
      .selectFrom('holds')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .where('expires_at', '<=', this.clock.now())
      .executeTakeFirst();
    return { referral_bonuses: await this.referrals.dueCount(), token_refreshes: await this.vault.dueCount(), expired_holds: Number(holds?.n ?? 0) };
  }

  /** After a sign-up: fingerprints, risk of the referee and of the referrer (self-referral). The bonus waits for the verified email. */
  async onSignup(userId: string, ip: string, device: string | null): Promise<void> {
    await this.fraud.record(userId, 'signup', ip, device);
    const u = await this.h.db.selectFrom('users').select('referred_by').where('id', '=', userId).executeTakeFirst();
    await this.fraud.evaluate(userId);
    if (!u?.referred_by) return;
    await this.fraud.record(userId, 'referral', ip, device);
    await this.fraud.evaluate(u.referred_by);
  }

  /** The referee proved the address: the referrer's sign-up bonus (once: its reward id is the referee's). */
  async onEmailVerified(userId: string): Promise<void> {
    const u = await this.h.db.selectFrom('users').select('referred_by').where('id', '=', userId).executeTakeFirst();
    if (u?.referred_by) await this.referrals.onSignup(userId, u.referred_by);
  }

  /** After a card charge: the card's hash, then the payer's risk and their referrer's (a referee paying with the referrer's card). */
  async onCardCharged(c: { userId: string; cardFingerprint: string }): Promise<void> {
    await this.fraud.recordPayment(c.userId, c.cardFingerprint);
    await this.fraud.evaluate(c.userId);
    const u = await this.h.db.selectFrom('users').select('referred_by').where('id', '=', c.userId).executeTakeFirst();
    if (u?.referred_by) await this.fraud.evaluate(u.referred_by);
  }

  /**
   * 2FA was turned on or changed: an in-app notice and an email to the owner. The change is already
   * made, so a mail that cannot be sent is an operators' alert, not the request's failure.
   */
  async onTotpChanged(c: { userId: string; email: string | null; at: number; first: boolean }, mailer: Mailer): Promise<void> {
    await this.notices.totpChanged(c.userId, { changedAt: c.at, reviewUntil: c.at + TOTP_CHANGE_REVIEW_MS, first: c.first });
    if (!c.email) return;
    try {
      await mailer.send(totpChangedMail(c.email, c.at, c.first));
    } catch (err) {
      await this.alerter.raise({ key: 'mail:owner', level: 'warning', title: 'mail to an account owner failed', message: `2FA change mail for user ${c.userId}: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  async onLogin(userId: string, ip: string, device: string | null): Promise<void> {
    await this.fraud.record(userId, 'login', ip, device);
    await this.fraud.evaluate(userId);
  }

  runJob(job: Job): Promise<unknown> {
    switch (job) {
      case 'referral-bonuses':
        return this.referrals.runBonusJob();
      case 'referral-monthly':
        return this.referrals.runMonthlyJob();
      case 'token-refresh':
        return this.vault.refreshDue();
    }
  }

  async registerRoutes(app: FastifyInstance, kit: RouteKit): Promise<void> {
    registerVaultRoutes(app, this.vault, kit);
    registerHealthRoutes(app, this.health, kit);
    registerNoticeRoutes(app, this.notices, kit);
    await registerPartnerRoutes(app, { referrals: this.referrals, fraud: this.fraud, phone: this.phone, identity: this.identity, withdrawals: this.withdrawals, runJob: (j) => this.runJob(j) }, kit);
  }

  /**
   * Timers for `serve`: bonus grants every 10 minutes (within the 24 h promise), monthly tier review
   * daily (idempotent per month), token refresh hourly; each run ends with a heartbeat. The health
   * monitor looks for due checks every few seconds; what it finds that is not ok is also logged.
   */
  startBackground(onError: (msg: string, err: unknown) => void): NodeJS.Timeout[] {
    const every = (ms: number, job: Job) => {
      this.heartbeats.register(job, ms);
      let running = false;
      return setInterval(() => {
        if (running) return;
        running = true;
        this.runJob(job)
          .then(
            () => this.heartbeats.beat(job, true),
            (err: unknown) => {
              this.heartbeats.beat(job, false);
              onError(`job ${job} failed`, err);
            },
          )
          .finally(() => (running = false));
      }, ms);
    };
    const health = setInterval(() => {
      this.health
        .tick()
        .then((results) => {
          for (const r of results) if (r.level !== 'ok') onError(`health ${r.check} ${r.level}`, r.detail);
        })
        .catch((err: unknown) => onError('health monitor failed', err));
    }, this.opts.health?.tickMs ?? 15_000);
    return [every(this.opts.bonusJobMs ?? 10 * 60_000, 'referral-bonuses'), every(this.opts.monthlyJobMs ?? 24 * 3600_000, 'referral-monthly'), every(3600_000, 'token-refresh'), health];
  }
}
