import os from 'node:os';
import { StudioError } from '../../shared/errors.js';
import type { AccountView, PlanOffer, WalletEntry, WalletView } from '../../shared/wallet.js';
import type { CreditsGate } from '../jobs/queue.js';
import type { SecretStore } from '../secrets/store.js';
import { noSecretStoreError } from '../secrets/store.js';
import type { Store } from '../store/db.js';
import { deleteKv, readKv, writeKv } from '../store/kv.js';
import { AllowanceLedger, allowanceSize, RECENT_USE_MS } from './allowance.js';
import { DeviceIdentity } from './device.js';
import { CloudGeneration } from './gen.js';
import { CloudClient, type CloudMethod, type CloudRequestOptions, type BatchOp, type BatchResult, type CloudBalance, type CloudEntry, type CloudHold, type CloudSession } from './cloud-client.js';
import { say } from '../../shared/messages.js';
import { offlineAllowanceReason } from '../../shared/ledger-reasons.js';

const ACCOUNT_KEY = 'account';
const WALLET_KEY = 'wallet_cache';
const REFRESH_SECRET = 'cloud-refresh-token';

export interface SyncOptions {
  /** Where cloud-sync runs unless the user signs in elsewhere. */
  defaultCloudUrl: string;
  /** How long the allowance hold lasts (ledger.md: 72 h). */
  allowanceTtlSeconds: number;
  /** At most this many credits are reserved on one device (and never more than half the available balance). */
  allowanceMax: number;
  /** A new allowance is opened when the current one has less than this long left. */
  renewBeforeMs: number;
  syncEveryMs: number;
  now: () => number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  defaultCloudUrl: process.env.KINGJAM_CLOUD_URL ?? 'http://127.0.0.1:8787',
  allowanceTtlSeconds: 72 * 3600,
  allowanceMax: 2000,
  renewBeforeMs: 12 * 3600 * 1000,
  syncEveryMs: 5 * 60 * 1000,
  now: Date.now,
};

/** A relay upload starts with at least this much of its access token's life left (cloud access tokens last 24 h). */
export const RELAY_TOKEN_MIN_LIFE_MS = 60 * 60 * 1000;

/** When a cloud access token (a JWT) expires, from its `exp` claim, in epoch ms; null when it cannot be read. Not a verification: the cloud does that. */
export function accessTokenExpiry(token: string): number | null {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

interface Account {
  cloudUrl: string;
  userId: string;
  email: string | null;
  /** Absent in accounts saved before sign-up by email existed: those were verified by default. */
  emailVerified?: boolean;
}

/**
 * The desktop's link to cloud-sync: the session (the refresh token in the
 * secret store, the access token only in memory), the cached balance, and
 * the offline allowance that paid jobs spend against. Implements the job
 * queue's CreditsGate.
 */
export class SyncService implements CreditsGate {
  readonly allowances: AllowanceLedger;
  readonly device: DeviceIdentity;
  /** Generation on KingJam Cloud: tokens per job, the published prices, checks before cloud work. */
  readonly gen: CloudGeneration;
  private accessToken: string | null = null;
  private refreshing: Promise<void> | null = null;
  private online = false;
  private lastSyncAt: number | null = null;
  private lastError: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private syncing: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly secrets: SecretStore | null,
    private readonly options: SyncOptions = DEFAULT_SYNC_OPTIONS,
    private readonly onChange: () => void = () => undefined,
  ) {
    this.allowances = new AllowanceLedger(store, options.now);
    this.device = new DeviceIdentity(store);
    this.gen = new CloudGeneration(this, options.now);
  }

  private account(): Account | null {
    return readKv<Account>(this.store, ACCOUNT_KEY);
  }

  private client(): CloudClient {
    return new CloudClient(this.account()?.cloudUrl ?? this.options.defaultCloudUrl);
  }

  /** The cloud an account call goes to: the one given, else the signed-in one, else the default. */
  cloudFor(cloudUrl?: string): CloudClient {
    return new CloudClient(cloudUrl ?? this.account()?.cloudUrl ?? this.options.defaultCloudUrl);
  }

  view(): AccountView {
    const account = this.account();
    return {
      signedIn: account !== null,
      email: account?.email ?? null,
      emailVerified: account ? (account.emailVerified ?? true) : null,
      userId: account?.userId ?? null,
      cloudUrl: account?.cloudUrl ?? this.options.defaultCloudUrl,
      online: this.online,
      lastSyncAt: this.lastSyncAt,
      lastError: this.lastError,
      secretStore: this.secrets?.kind ?? null,
    };
  }

  async login(input: { cloudUrl?: string; email: string; password: string; totp?: string }): Promise<AccountView> {
    if (!this.secrets) throw noSecretStoreError();
    const client = this.cloudFor(input.cloudUrl);
    const session = await client.login({
      email: input.email,
      password: input.password,
      ...(input.totp ? { totp: input.totp } : {}),
      device: this.device.id(),
    });
    return this.adopt(session, client.baseUrl);
  }

  /** Keeps a session the cloud just gave (a sign-in, or the mailed code at sign-up) as this device's account. */
  async adopt(session: CloudSession, cloudUrl: string): Promise<AccountView> {
    if (!this.secrets) throw noSecretStoreError();
    await this.keepSession(session);
    writeKv(this.store, ACCOUNT_KEY, { cloudUrl, userId: session.user.id, email: session.user.email, emailVerified: session.user.email_verified ?? true } satisfies Account);
    this.markOnline();
    await this.sync().catch(() => undefined);
    // The prices cloud work will be charged by, read once at sign-in (and again when older than a few minutes).
    await this.gen.priceTable(true).catch(() => undefined);
    return this.view();
  }

  async logout(): Promise<AccountView> {
    // Give the device's reservation back first, so the credits are free on other devices at once.
    const account = this.account();
    if (account) {
      const open = this.allowances.open(account.userId);
      if (open) this.allowances.drain(open.id);
      await this.settleDue(account.userId).catch(() => undefined);
    }
    const refresh = await this.secrets?.get(REFRESH_SECRET);
    if (refresh && this.accessToken) await this.client().logout(this.accessToken, refresh).catch(() => undefined);
    await this.secrets?.delete(REFRESH_SECRET);
    this.accessToken = null;
    deleteKv(this.store, ACCOUNT_KEY);
    deleteKv(this.store, WALLET_KEY);
    this.onChange();
    return this.view();
  }

  private async keepSession(session: CloudSession): Promise<void> {
    // The new refresh token is saved before the access token is used: a crash in between still leaves a working session.
    await this.secrets!.set(REFRESH_SECRET, session.refresh_token);
    this.accessToken = session.access_token;
  }

  /** Runs a cloud call with the access token, refreshing it once when the cloud says it expired. */
  private async authed<T>(call: (client: CloudClient, token: string) => Promise<T>): Promise<T> {
    const account = this.account();
    if (!account) throw new StudioError({ code: 'NOT_SIGNED_IN', message: 'Sign in to your KingJam account first.', hint: 'Sign in on the Account page (on the command line: kingjam account login).', ...say('account.signInFirst') });
    if (!this.accessToken) await this.refreshToken();
    try {
      const result = await call(this.client(), this.accessToken!);
      this.markOnline();
      return result;
    } catch (err) {
      // An expired access token (not a refused password or authenticator code, which name their field).
      if (err instanceof StudioError && err.code === 'NOT_SIGNED_IN' && !err.field) {
        await this.refreshToken();
        return call(this.client(), this.accessToken!);
      }
      if (err instanceof StudioError && err.code === 'OFFLINE') this.markOffline(err.message);
      throw err;
    }
  }

  /** One authenticated call to the cloud (the partner programme, verification, connections: src/main/sync/partners.ts). */
  cloud<T>(method: CloudMethod, path: string, options: Omit<CloudRequestOptions, 'token'> = {}): Promise<T> {
    return this.authed((c, token) => c.request<T>(method, path, { ...options, token }));
  }

  /** One authenticated call whose answer is not JSON (item images, CSV exports). */
  cloudRaw(method: CloudMethod, path: string, options: Omit<CloudRequestOptions, 'token'> = {}): Promise<{ contentType: string; data: Buffer }> {
    return this.authed((c, token) => c.requestRaw(method, path, { ...options, token }));
  }

  /**
   * What a publishing job needs to put media on the cloud's relay (the
   * worker uploads; main passes these as the job's secrets RELAY_SECRETS,
   * KINGJAM_RELAY_URL and KINGJAM_RELAY_TOKEN): the signed-in cloud's address and an access
   * token that stays valid for a while — renewed first when it is missing or
   * expires within RELAY_TOKEN_MIN_LIFE_MS. Held in memory only, like every
   * access token.
   */
  async relayCredentials(): Promise<{ relayUrl: string; token: string }> {
    const account = this.account();
    if (!account) throw new StudioError({ code: 'NOT_SIGNED_IN', message: 'Sign in to your KingJam account first.', hint: 'Sign in on the Account page (on the command line: kingjam account login).', ...say('account.signInFirst') });
    const exp = this.accessToken ? accessTokenExpiry(this.accessToken) : null;
    if (!this.accessToken || exp === null || exp - this.options.now() < RELAY_TOKEN_MIN_LIFE_MS) await this.refreshToken();
    return { relayUrl: account.cloudUrl, token: this.accessToken! };
  }

  private refreshToken(): Promise<void> {
    // One refresh at a time: refresh tokens rotate, and reusing one revokes the session.
    this.refreshing ??= (async () => {
      try {
        const token = await this.secrets?.get(REFRESH_SECRET);
        if (!token) throw new StudioError({ code: 'NOT_SIGNED_IN', message: 'The session has ended.', hint: 'Sign in again on the Account page.', ...say('account.sessionEnded') });
        await this.keepSession(await this.client().refresh(token, this.device.id()));
      } catch (err) {
        if (err instanceof StudioError && err.code === 'OFFLINE') this.markOffline(err.message);
        throw err;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private markOnline(): void {
    const changed = !this.online || this.lastError !== null;
    this.online = true;
    this.lastError = null;
    this.failures = 0;
    if (changed) this.onChange();
  }

  private markOffline(message: string): void {
    this.online = false;
    this.lastError = message;
    this.onChange();
  }

  // ── wallet ────────────────────────────────────────────────────────────

  wallet(): WalletView {
    const account = this.account();
    const open = account ? this.allowances.open(account.userId) : undefined;
    return {
      balance: readKv<WalletView['balance']>(this.store, WALLET_KEY),
      allowance: open ? { amount: open.amount, remaining: this.allowances.remaining(account!.userId), expiresAt: open.expires_at ?? 0 } : null,
      unsettled: account ? this.allowances.unsettled(account.userId) : 0,
    };
  }

  async refreshBalance(): Promise<WalletView> {
    const b = await this.authed((c, t) => c.request<CloudBalance>('GET', '/v1/ledger/balance', { token: t }));
    writeKv(this.store, WALLET_KEY, {
      total: b.total,
      available: b.available,
      held: b.held,
      buckets: b.buckets,
      expiring: b.expiring.map((e) => ({ bucket: e.bucket, amount: e.amount, expiresAt: e.expires_at })),
      fetchedAt: this.options.now(),
    } satisfies NonNullable<WalletView['balance']>);
    this.onChange();
    return this.wallet();
  }

  async history(cursor?: string): Promise<{ entries: WalletEntry[]; nextCursor: string | null }> {
    const page = await this.authed((c, t) =>
      c.request<{ entries: CloudEntry[]; next_cursor: number | string | null }>('GET', `/v1/ledger/entries?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: t }),
    );
    return {
      entries: page.entries.map((e) => ({ id: e.id, kind: e.kind, amount: e.amount, reason: e.reason, createdAt: e.created_at })),
      nextCursor: page.next_cursor === null ? null : String(page.next_cursor),
    };
  }

  async offers(): Promise<PlanOffer[]> {
    const r = await this.authed((c, t) =>
      c.request<{ plans: { id: string; name: string; price_twd: number; monthly_credits: number; priority: boolean }[]; packs: { id: string; name: string; price_twd: number; credits: number }[] }>('GET', '/v1/plans', { token: t }),
    );
    return [
      ...r.plans.filter((p) => p.price_twd > 0).map((p) => ({ id: p.id, name: p.name, priceTwd: p.price_twd, credits: p.monthly_credits, kind: 'plan' as const, priority: p.priority })),
      ...r.packs.map((p) => ({ id: p.id, name: p.name, priceTwd: p.price_twd, credits: p.credits, kind: 'pack' as const })),
    ];
  }

  async checkout(item: { plan: string } | { pack: string }): Promise<{ url: string }> {
    const r = await this.authed((c, t) => c.request<{ checkout_url: string }>('POST', '/v1/billing/checkout', { token: t, body: item }));
    return { url: r.checkout_url };
  }

  // ── the allowance ─────────────────────────────────────────────────────

  /**
   * Settles what is due, confirms allowances whose answer was lost, and
   * keeps an open allowance with time left. Safe to call at any time.
   */
  sync(): Promise<void> {
    this.syncing ??= (async () => {
      try {
        const account = this.account();
        if (!account) return;
        for (const row of this.allowances.requested(account.userId)) await this.openAllowance(row.id, row.amount);
        await this.settleDue(account.userId);
        const open = this.allowances.open(account.userId);
        if (!open || (open.expires_at ?? 0) - this.options.now() < this.options.renewBeforeMs) {
          if (open) this.allowances.drain(open.id);
          await this.settleDue(account.userId);
          await this.reserve(account.userId, 1).catch((err: unknown) => {
            if (!(err instanceof StudioError && err.code === 'INSUFFICIENT_CREDITS')) throw err;
          });
        }
        await this.refreshBalance();
        this.lastSyncAt = this.options.now();
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  /** Opens a new allowance of at least `needed` credits, sized to recent use (allowanceSize). */
  private async reserve(userId: string, needed: number): Promise<void> {
    const balance = await this.refreshBalance();
    const available = balance.balance?.available ?? 0;
    const recentUse = this.allowances.spentSince(userId, this.options.now() - RECENT_USE_MS);
    const amount = allowanceSize({ needed, available, recentUse, max: this.options.allowanceMax });
    if (amount < needed || amount <= 0) {
      throw new StudioError({
        code: 'INSUFFICIENT_CREDITS',
        message: `This needs ${needed} credits; your wallet has ${available} available.`,
        hint: 'Buy a credit pack or a plan on the Credits page.',
        ...say('credits.insufficient', { needed, available }),
      });
    }
    const row = this.allowances.request(userId, amount);
    await this.openAllowance(row.id, amount);
  }

  private async openAllowance(id: string, amount: number): Promise<void> {
    try {
      const hold = await this.authed((c, t) =>
        c.request<CloudHold>('POST', '/v1/ledger/holds', {
          token: t,
          body: { id, amount, ttl_seconds: this.options.allowanceTtlSeconds, reason: offlineAllowanceReason(os.hostname()), job_ref: `allowance:${id}` },
        }),
      );
      this.allowances.opened(id, hold.amount, hold.expires_at);
      this.onChange();
    } catch (err) {
      if (err instanceof StudioError && err.code === 'INSUFFICIENT_CREDITS') this.allowances.refused(id);
      throw err;
    }
  }

  private async settleDue(userId: string): Promise<void> {
    const due = this.allowances.toSettle(userId);
    if (due.length === 0) return;
    const ops: BatchOp[] = [];
    const byOp = new Map<string, string>();
    for (const row of due) {
      const { settleId, amount } = this.allowances.startSettling(row);
      ops.push(amount > 0 ? { op: 'capture', id: settleId, hold_id: row.id, amount } : { op: 'release', id: settleId, hold_id: row.id });
      byOp.set(settleId, row.id);
    }
    const { results } = await this.authed((c, t) => c.request<{ results: BatchResult[] }>('POST', '/v1/ledger/batch', { token: t, body: { ops } }));
    for (const r of results) {
      const allowanceId = byOp.get(r.id)!;
      if (r.ok) this.allowances.settled(allowanceId);
      else if (r.status < 500) this.allowances.failed(allowanceId, `${r.error?.code ?? r.status}: ${r.error?.message ?? ''}`);
    }
    this.onChange();
  }

  // ── CreditsGate: what the job queue calls around a paid job ──────────

  async prepare(amount: number): Promise<void> {
    const account = this.account();
    if (!account) {
      throw new StudioError({ code: 'NOT_SIGNED_IN', message: `This job costs ${amount} credits: sign in to your KingJam account to pay for it.`, hint: 'Sign in on the Account page (on the command line: kingjam account login), or pick a free (local or offline) provider.', ...say('credits.signInToPay', { amount }) });
    }
    if (this.allowances.remaining(account.userId) >= amount) return;
    try {
      try {
        // A new allowance first: the current one stays usable if this fails.
        await this.reserve(account.userId, amount);
      } catch (err) {
        if (!(err instanceof StudioError && err.code === 'INSUFFICIENT_CREDITS')) throw err;
        // The wallet's credits may sit in this device's own allowance: settle it so they return, then try again.
        const open = this.allowances.open(account.userId);
        if (!open) throw err;
        this.allowances.drain(open.id);
        await this.settleDue(account.userId);
        try {
          await this.reserve(account.userId, amount);
        } catch (again) {
          // Keep a smaller allowance for smaller jobs, then say why this one cannot run.
          await this.reserve(account.userId, 1).catch(() => undefined);
          throw again;
        }
      }
    } catch (err) {
      if (err instanceof StudioError && err.code === 'OFFLINE') {
        throw new StudioError({
          code: 'INSUFFICIENT_CREDITS',
          message: `This job needs ${amount} credits and ${this.allowances.remaining(account.userId)} are reserved on this device; the cloud cannot be reached to reserve more.`,
          hint: 'Connect to the internet, then try again.',
          ...say('credits.allowanceShortOffline', { amount, reserved: this.allowances.remaining(account.userId) }),
          retryable: true,
        });
      }
      throw err;
    }
  }

  /**
   * Gives this device's open allowance back to the wallet (what it spent is
   * settled, the rest released), so cloud work can use the credits it
   * reserved. False when there was none.
   */
  async returnAllowance(): Promise<boolean> {
    const account = this.account();
    const open = account ? this.allowances.open(account.userId) : undefined;
    if (!account || !open) return false;
    this.allowances.drain(open.id);
    await this.settleDue(account.userId);
    return true;
  }

  hold(jobId: string, amount: number): string {
    const account = this.account();
    if (!account) throw new StudioError({ code: 'NOT_SIGNED_IN', message: 'Sign in to pay for this job.', ...say('account.signInFirst') });
    return this.allowances.hold(account.userId, jobId, amount);
  }

  capture(holdId: string, actual: number): void {
    this.allowances.capture(holdId, actual);
  }

  release(holdId: string): void {
    this.allowances.release(holdId);
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.timer = setTimeout(async () => {
        try {
          await this.sync();
        } catch {
          this.failures++;
        }
        tick();
      }, Math.min(this.options.syncEveryMs * 2 ** this.failures, 60 * 60 * 1000));
      this.timer.unref();
    };
    tick();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
