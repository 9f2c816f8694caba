import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Alerter } from '../alerts/alerter.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { constraintKind } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { Hasher } from '../fraud/hash.js';
import type { NoticeService } from '../notices/service.js';
import type { SocialConnectionsTable } from '../partners/tables.js';
import type { SafeFetchOptions } from '../net/safe-fetch.js';
import type { TokenCipher } from './cipher.js';
import type { TokenSet } from './oauth-client.js';
import { PlatformError, exchangeCode, fetchProfile, refreshToken } from './oauth-client.js';
import type { PlatformConfig, PlatformId } from './platforms.js';
import { LINE_API_BASE, lineBotInfo } from './line-oa.js';
import { checkWordPress } from './wordpress.js';

export interface ConnectionView {
  id: string;
  client_id: string | null;
  platform: string;
  account_id: string;
  display_name: string;
  scopes: string[];
  status: 'active' | 'needs_reconnect';
  last_error: string | null;
  expires_at: number | null;
  refreshed_at: number | null;
  created_at: number;
}

export interface VaultOptions {
  /** Renew tokens that expire within this window (seed §6.2: the 24-hour cycle). */
  refreshWindowMs?: number;
  /** How long one refresher holds a connection's lease. */
  leaseMs?: number;
  stateTtlMs?: number;
  /**
   * WordPress sites on private or loopback addresses over plain http (tests, intranets): `true`
   * for any, or a list of origins; off by default against SSRF (net/safe-fetch.ts).
   */
  allowPrivateSites?: boolean | readonly string[];
  /** Name resolution for outbound fetches (tests inject one); the system resolver by default. */
  resolve?: SafeFetchOptions['resolve'];
  /** LINE's Messaging API base (tests point it at a loopback fake); else KINGJAM_LINE_BASE_URL, else https://api.line.me. */
  lineApiBase?: string;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const b64url = (b: Buffer) => b.toString('base64url');

/**
 * The social-token vault (seed §6.2): connections per user and per agency client, tokens encrypted
 * at rest, OAuth start/callback with state (+ PKCE), WordPress application passwords, a refresher
 * that only one instance runs per connection, and a short-lived token hand-out with an audit log.
 * Tokens appear in no response except the hand-out, and in no log or error.
 */
export class VaultService {
  private readonly refreshWindowMs: number;
  private readonly leaseMs: number;
  private readonly stateTtlMs: number;
  private readonly instance = randomUUID();
  private readonly lineApiBase: string;

  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly cipher: TokenCipher,
    private readonly hasher: Hasher,
    private readonly alerter: Alerter,
    private readonly notices: NoticeService,
    private readonly platforms: Partial<Record<PlatformId, PlatformConfig>>,
    private readonly opts: VaultOptions = {},
  ) {
    this.refreshWindowMs = opts.refreshWindowMs ?? 24 * 3600_000;
    this.leaseMs = opts.leaseMs ?? 2 * 60_000;
    this.stateTtlMs = opts.stateTtlMs ?? 10 * 60_000;
    this.lineApiBase = opts.lineApiBase ?? process.env.KINGJAM_LINE_BASE_URL ?? LINE_API_BASE;
  }

  private platform(id: string): PlatformConfig {
    const p = this.platforms[id as PlatformId];
    if (!p) throw new ApiError(503, 'PLATFORM_NOT_CONFIGURED', `${id} is not configured on this server`);
    return p;
  }

  // ---- agency clients

  async createClient(userId: string, name: string): Promise<{ id: string; name: string; created_at: number }> {
    const row = { id: randomUUID(), user_id: userId, name, created_at: this.clock.now() };
    await this.h.db.insertInto('agency_clients').values(row).execute();
    return { id: row.id, name, created_at: row.created_at };
  }

  async clients(userId: string) {
    return this.h.db.selectFrom('agency_clients').select(['id', 'name', 'created_at']).where('user_id', '=', userId).orderBy('created_at').execute();
  }

  private async checkClient(userId: string, clientId: string | null | undefined): Promise<string | null> {
    if (!clientId) return null;
    const c = await this.h.db.selectFrom('agency_clients').select('id').where('id', '=', clientId).where('user_id', '=', userId).executeTakeFirst();
    if (!c) throw new ApiError(404, 'CLIENT_NOT_FOUND', `no client ${clientId}`);
    return c.id;
  }

  // ---- OAuth

  async start(userId: string, input: { platform: PlatformId; redirect_uri: string; client_id?: string | undefined }): Promise<{ authorize_url: string; state: string; expires_at: number }> {
    const p = this.platform(input.platform);
    const clientId = await this.checkClient(userId, input.client_id);
    const state = b64url(randomBytes(32));
    const verifier = p.pkce ? b64url(randomBytes(48)) : null;
    const now = this.clock.now();
    const enc = verifier ? this.cipher.encrypt(verifier, `state:${sha(state)}`) : null;
    await this.h.db
      .insertInto('oauth_states')
      .values({ state_hash: sha(state), user_id: userId, client_id: clientId, platform: input.platform, verifier_ct: enc?.ct ?? null, key_id: enc?.keyId ?? null, redirect_uri: input.redirect_uri, expires_at: now + this.stateTtlMs, used_at: null })
      .execute();
    const url = new URL(p.authorizeUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      [p.clientIdParam]: p.clientId,
      redirect_uri: input.redirect_uri,
      scope: p.scopes.join(input.platform === 'tiktok' || input.platform === 'meta' || input.platform === 'threads' ? ',' : ' '),
      state,
      ...(verifier ? { code_challenge: b64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256' } : {}),
      ...p.extraAuthorizeParams,
    }).toString();
    return { authorize_url: url.toString(), state, expires_at: now + this.stateTtlMs };
  }

  /** The desktop hands over what the platform redirected with. The state is single-use and bound to the user. */
  async callback(userId: string, input: { state: string; code: string }): Promise<ConnectionView> {
    const now = this.clock.now();
    const claimed = await this.h.db
      .updateTable('oauth_states')
      .set({ used_at: now })
      .where('state_hash', '=', sha(input.state))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    if (!claimed) throw new ApiError(400, 'INVALID_STATE', 'unknown, expired or already used OAuth state');
    const p = this.platform(claimed.platform);
    const verifier = claimed.verifier_ct && claimed.key_id ? this.cipher.decrypt(claimed.key_id, claimed.verifier_ct, `state:${claimed.state_hash}`) : null;
    let set: TokenSet;
    let who: { id: string; name: string };
    try {
      set = await exchangeCode(p, input.code, claimed.redirect_uri, verifier, now);
      who = await fetchProfile(p, set.access_token);
    } catch (err) {
      if (err instanceof PlatformError) throw new ApiError(502, 'PLATFORM_ERROR', `${claimed.platform}: ${err.reason}`);
      throw err;
    }
    return this.store(userId, claimed.client_id, claimed.platform, who, set.scope ? set.scope.split(/[ ,]+/) : p.scopes, set);
  }

  async connectWordPress(userId: string, input: { site_url: string; username: string; app_password: string; client_id?: string | undefined }): Promise<ConnectionView> {
    const clientId = await this.checkClient(userId, input.client_id);
    const base = new URL(input.site_url).toString().replace(/\/$/, '');
    const site = { site: base, username: input.username, app_password: input.app_password };
    const check = await checkWordPress(site, this.siteAccess());
    if (!check.ok && check.status === null) throw new ApiError(502, 'PLATFORM_ERROR', 'wordpress: could not reach the site');
    if (!check.ok) throw new ApiError(check.status === 401 ? 401 : 502, 'PLATFORM_AUTH_FAILED', `wordpress: ${check.reason}`);
    return this.store(userId, clientId, 'wordpress', { id: `${base}#${check.id}`, name: check.name }, ['wp-rest'], { access_token: JSON.stringify(site), refresh_token: null, expires_at: null, scope: null });
  }

  /**
   * A LINE Official Account by its long-lived channel access token, checked with
   * LINE's `GET /v2/bot/info`; stored like any token (encrypted), never refreshed
   * (it does not expire until revoked in the LINE Developers console).
   */
  async connectLineOa(userId: string, input: { channel_access_token: string; client_id?: string | undefined }): Promise<ConnectionView> {
    const clientId = await this.checkClient(userId, input.client_id);
    const info = await lineBotInfo(this.lineApiBase, input.channel_access_token);
    if (!info.ok && info.refused) throw new ApiError(400, 'PLATFORM_TOKEN_REFUSED', `line-oa: LINE refused the channel access token (${info.reason})`);
    if (!info.ok) throw new ApiError(502, 'PLATFORM_ERROR', `line-oa: ${info.reason}`);
    const name = info.bot.basicId ? `${info.bot.displayName} (${info.bot.basicId})` : info.bot.displayName;
    return this.store(userId, clientId, 'line-oa', { id: info.bot.userId, name }, ['messaging-api'], { access_token: input.channel_access_token, refresh_token: null, expires_at: null, scope: null });
  }

  private siteAccess() {
    return { allowPrivate: this.opts.allowPrivateSites ?? false, ...(this.opts.resolve ? { resolve: this.opts.resolve } : {}) };
  }

  private async store(userId: string, clientId: string | null, platform: string, who: { id: string; name: string }, scopes: string[], set: TokenSet): Promise<ConnectionView> {
    const now = this.clock.now();
    const existing = await this.h.db.selectFrom('social_connections').select(['id', 'refresh_ct', 'key_id']).where('user_id', '=', userId).where('platform', '=', platform).where('account_id', '=', who.id).executeTakeFirst();
    const id = existing?.id ?? randomUUID();
    const access = this.cipher.encrypt(set.access_token, `${id}:access`);
    // A reconnect without a new refresh token keeps the stored one (platforms send it only once).
    const refresh = set.refresh_token
      ? this.cipher.encrypt(set.refresh_token, `${id}:refresh`).ct
      : existing?.refresh_ct && existing.key_id
        ? this.cipher.encrypt(this.cipher.decrypt(existing.key_id, existing.refresh_ct, `${id}:refresh`), `${id}:refresh`).ct
        : null;
    const values = { client_id: clientId, display_name: who.name, scopes: scopes.join(' '), key_id: access.keyId, access_ct: access.ct, refresh_ct: refresh, expires_at: set.expires_at, status: 'active' as const, last_error: null, refreshed_at: now, updated_at: now };
    try {
      if (existing) {
        await this.h.db.updateTable('social_connections').set(values).where('id', '=', id).execute();
        await this.notices.resolveConnection(userId, id);
      } else await this.h.db.insertInto('social_connections').values({ id, user_id: userId, platform, account_id: who.id, created_at: now, lock_owner: null, lock_until: null, ...values }).execute();
    } catch (err) {
      if (constraintKind(err) === 'unique') throw new ApiError(409, 'CONNECTION_EXISTS', 'this account was connected at the same moment; try again');
      throw err;
    }
    return this.get(userId, id);
  }

  // ---- reads and the hand-out

  private view(r: SocialConnectionsTable): ConnectionView {
    return { id: r.id, client_id: r.client_id, platform: r.platform, account_id: r.account_id, display_name: r.display_name, scopes: r.scopes ? r.scopes.split(' ') : [], status: r.status, last_error: r.last_error, expires_at: r.expires_at, refreshed_at: r.refreshed_at, created_at: r.created_at };
  }

  async list(userId: string, clientId?: string): Promise<ConnectionView[]> {
    const rows = await this.h.db
      .selectFrom('social_connections')
      .selectAll()
      .where('user_id', '=', userId)
      .$if(clientId !== undefined, (qb) => qb.where('client_id', '=', clientId ?? ''))
      .orderBy('created_at')
      .execute();
    return rows.map((r) => this.view(r));
  }

  async get(userId: string, id: string): Promise<ConnectionView> {
    const r = await this.h.db.selectFrom('social_connections').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (!r) throw new ApiError(404, 'CONNECTION_NOT_FOUND', `no connection ${id}`);
    return this.view(r);
  }

  async remove(userId: string, id: string): Promise<void> {
    const res = await this.h.db.deleteFrom('social_connections').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw new ApiError(404, 'CONNECTION_NOT_FOUND', `no connection ${id}`);
    await this.audit(id, userId, 'disconnect', null);
  }

  /** The desktop's token for one publish; refreshed first when about to expire. Audited on every call. */
  async accessToken(userId: string, id: string, ip: string | null): Promise<{ connection_id: string; platform: string; access_token: string; expires_at: number | null }> {
    let r = await this.h.db.selectFrom('social_connections').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (!r) throw new ApiError(404, 'CONNECTION_NOT_FOUND', `no connection ${id}`);
    if (r.status !== 'active') throw new ApiError(409, 'NEEDS_RECONNECT', `reconnect this ${r.platform} account: ${r.last_error ?? 'refresh failed'}`);
    if (r.expires_at !== null && r.expires_at - this.clock.now() < 5 * 60_000 && r.refresh_ct !== null) {
      await this.refreshOne(id);
      r = await this.h.db.selectFrom('social_connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      if (r.status !== 'active') throw new ApiError(409, 'NEEDS_RECONNECT', `reconnect this ${r.platform} account: ${r.last_error ?? 'refresh failed'}`);
    }
    await this.audit(id, userId, 'access_token', ip);
    return { connection_id: id, platform: r.platform, access_token: this.cipher.decrypt(r.key_id, r.access_ct, `${id}:access`), expires_at: r.expires_at };
  }

  async auditLog(userId: string, id: string) {
    await this.get(userId, id);
    return this.h.db.selectFrom('token_audit').select(['seq', 'action', 'created_at']).where('connection_id', '=', id).orderBy('seq', 'desc').limit(200).execute();
  }

  private async audit(connectionId: string, userId: string, action: string, ip: string | null): Promise<void> {
    await this.h.db.insertInto('token_audit').values({ connection_id: connectionId, user_id: userId, action, ip_hash: ip ? this.hasher.hash('ip', ip) : null, created_at: this.clock.now() }).execute();
  }

  // ---- refresher

  /** Active connections expiring within the window that can be renewed (by refresh token, or by re-exchange on Meta and Threads). */
  private dueQuery(now: number) {
    return this.h.db
      .selectFrom('social_connections')
      .where('status', '=', 'active')
      .where('expires_at', 'is not', null)
      .where('expires_at', '<', now + this.refreshWindowMs)
      .where((eb) => eb.or([eb('refresh_ct', 'is not', null), eb('platform', 'in', ['meta', 'threads'])]));
  }

  /** How many connections the refresh job has to renew now (the health check's queue length). */
  async dueCount(): Promise<number> {
    const r = await this.dueQuery(this.clock.now())
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** The hourly job: renews every active connection expiring within the window. */
  async refreshDue(): Promise<{ refreshed: number; failed: number; skipped: number }> {
    const due = await this.dueQuery(this.clock.now()).select('id').execute();
    const out = { refreshed: 0, failed: 0, skipped: 0 };
    for (const { id } of due) out[await this.refreshOne(id)]++;
    return out;
  }

  /**
   * One refresh under a lease: a conditional UPDATE claims the row (atomic on both databases), so
   * among any number of instances exactly one calls the platform, and no transaction stays open
   * across the network call. Platforms that rotate refresh tokens break if two clients refresh.
   */
  async refreshOne(id: string, force = false): Promise<'refreshed' | 'failed' | 'skipped'> {
    const now = this.clock.now();
    const lease = await this.h.db
      .updateTable('social_connections')
      .set({ lock_owner: this.instance, lock_until: now + this.leaseMs })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .where((eb) => eb.or([eb('lock_until', 'is', null), eb('lock_until', '<', now)]))
      .executeTakeFirst();
    if (Number(lease.numUpdatedRows) !== 1) return 'skipped';
    const release = () => this.h.db.updateTable('social_connections').set({ lock_owner: null, lock_until: null }).where('id', '=', id).where('lock_owner', '=', this.instance).execute();
    try {
      const r = await this.h.db.selectFrom('social_connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      // Another instance may have renewed it between our scan and our lease.
      if (!force && (r.expires_at === null || r.expires_at >= now + this.refreshWindowMs)) return 'skipped';
      const p = this.platforms[r.platform as PlatformId];
      if (!p) return 'skipped';
      let current: { access: string; refresh: string | null };
      try {
        current = { access: this.cipher.decrypt(r.key_id, r.access_ct, `${id}:access`), refresh: r.refresh_ct ? this.cipher.decrypt(r.key_id, r.refresh_ct, `${id}:refresh`) : null };
      } catch (err) {
        // This instance cannot read the tokens (a key it was not given — during a rotation, every
        // instance needs the new key before any makes it current — or a damaged row). The
        // operators' problem, not the owner's: the row stays as it is, for an instance that can,
        // and the rest of the job goes on.
        await this.alerter.raise({ key: `vault-key:${r.key_id}`, level: 'critical', title: 'Social tokens this instance cannot decrypt', message: `connection ${id} (${r.platform}), key ${r.key_id}: ${(err as Error).message}. Give every instance all of KINGJAM_VAULT_KEYS before changing the current key.` });
        return 'failed';
      }
      let set: TokenSet;
      try {
        set = await refreshToken(p, current, now);
      } catch (err) {
        // The stored refresh token stays: a later retry or a support case may still use it.
        await this.needsReconnect(r, err instanceof PlatformError ? err.reason : 'refresh failed');
        return 'failed';
      }
      const access = this.cipher.encrypt(set.access_token, `${id}:access`);
      const refreshPlain = set.refresh_token ?? current.refresh;
      await this.h.db
        .updateTable('social_connections')
        .set({ key_id: access.keyId, access_ct: access.ct, refresh_ct: refreshPlain ? this.cipher.encrypt(refreshPlain, `${id}:refresh`).ct : null, expires_at: set.expires_at, refreshed_at: now, updated_at: now, last_error: null })
        .where('id', '=', id)
        .execute();
      await this.audit(id, r.user_id, 'refreshed', null);
      return 'refreshed';
    } finally {
      await release();
    }
  }

  /** Marks a connection the platform refused: audited, the owner told once per episode, the operators alerted. */
  private async needsReconnect(r: SocialConnectionsTable, reason: string): Promise<void> {
    const marked = await this.h.db.updateTable('social_connections').set({ status: 'needs_reconnect', last_error: reason, updated_at: this.clock.now() }).where('id', '=', r.id).where('status', '=', 'active').executeTakeFirst();
    await this.audit(r.id, r.user_id, 'refresh_failed', null);
    // One notice per failure episode: only the refresh that ended the active state tells the owner.
    if (Number(marked.numUpdatedRows) === 1) await this.notices.connectionNeedsReconnect(r.user_id, { id: r.id, platform: r.platform, display_name: r.display_name, reason });
    await this.alerter.raise({ key: `token:${r.id}`, level: 'warning', title: `${r.platform} connection needs reconnecting`, message: `user ${r.user_id}, connection ${r.id} (${r.display_name}): ${reason}` });
  }

  /**
   * `POST /v1/connections/:id/refresh`: what the outbox asks once when a platform
   * answered "token expired". OAuth tokens are renewed now (under the same lease
   * as the hourly job); tokens that never expire (LINE channel tokens, WordPress
   * application passwords) are checked with the platform instead. A refusal marks
   * the connection needs_reconnect and answers 409 NEEDS_RECONNECT.
   */
  async refreshNow(userId: string, id: string, ip: string | null): Promise<{ connection_id: string; expires_at: number | null; refreshed_at: number | null }> {
    const r = await this.h.db.selectFrom('social_connections').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (!r) throw new ApiError(404, 'CONNECTION_NOT_FOUND', `no connection ${id}`);
    if (r.status !== 'active') throw new ApiError(409, 'NEEDS_RECONNECT', `reconnect this ${r.platform} account: ${r.last_error ?? 'refresh failed'}`);
    await this.audit(id, userId, 'refresh_requested', ip);
    if (r.platform === 'line-oa' || r.platform === 'wordpress') await this.recheck(r);
    else {
      this.platform(r.platform);
      // Another instance holding the lease is renewing it already: its outcome is ours.
      for (let waited = 0; (await this.refreshOne(id, true)) === 'skipped' && waited < this.leaseMs; waited += 250) await new Promise((res) => setTimeout(res, 250));
    }
    const after = await this.h.db.selectFrom('social_connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (after.status !== 'active') throw new ApiError(409, 'NEEDS_RECONNECT', `reconnect this ${after.platform} account: ${after.last_error ?? 'refresh failed'}`);
    return { connection_id: id, expires_at: after.expires_at, refreshed_at: after.refreshed_at };
  }

  /** A token that does not expire still works? A refusal marks it; the platform out of reach is a 502 and marks nothing. */
  private async recheck(r: SocialConnectionsTable): Promise<void> {
    const secret = this.cipher.decrypt(r.key_id, r.access_ct, `${r.id}:access`);
    const answer = r.platform === 'line-oa' ? await lineBotInfo(this.lineApiBase, secret) : await this.recheckWordPress(secret);
    if (answer.ok) {
      await this.h.db.updateTable('social_connections').set({ refreshed_at: this.clock.now(), updated_at: this.clock.now() }).where('id', '=', r.id).execute();
      return;
    }
    if (!answer.refused) throw new ApiError(502, 'PLATFORM_ERROR', `${r.platform}: ${answer.reason}`);
    await this.needsReconnect(r, answer.reason);
  }

  private async recheckWordPress(secret: string): Promise<{ ok: true } | { ok: false; refused: boolean; reason: string }> {
    const check = await checkWordPress(JSON.parse(secret) as { site: string; username: string; app_password: string }, this.siteAccess());
    return check.ok ? { ok: true } : { ok: false, refused: check.status === 401 || check.status === 403, reason: check.reason };
  }
}
