import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Alerter } from '../src/alerts/alerter.js';
import { Hasher } from '../src/fraud/hash.js';
import { NoticeService } from '../src/notices/service.js';
import { TokenCipher } from '../src/vault/cipher.js';
import { resolvePlatforms } from '../src/vault/platforms.js';
import { VaultService } from '../src/vault/service.js';
import { describeEachDb } from './support/db.js';
import type { Session } from './support/http.js';
import type { Loopback, PartnerServer } from './support/partners.js';
import { RecordingChannel, json, loopback, startPartnerServer } from './support/partners.js';

const K1 = randomBytes(32);
const K2 = randomBytes(32);

describeEachDb('social-token vault', (kind) => {
  let s: PartnerServer;
  let fake: Loopback;
  let u: Session;
  const challenges = new Map<string, string>();
  let issued = 0;
  let failRefresh = false;
  const platforms = () => ({
    tiktok: { clientId: 'tt-client', clientSecret: 'tt-secret', authorizeUrl: `${fake.base}/tiktok/authorize`, tokenUrl: `${fake.base}/tiktok/token`, profileUrl: `${fake.base}/tiktok/me` },
    youtube: { clientId: 'yt-client', clientSecret: 'yt-secret', authorizeUrl: `${fake.base}/google/auth`, tokenUrl: `${fake.base}/google/token`, profileUrl: `${fake.base}/google/channels` },
  });
  beforeAll(async () => {
    // A loopback platform speaking OAuth 2.0 with PKCE and rotating refresh tokens (like TikTok).
    fake = await loopback(async (req, res) => {
      if (req.path.endsWith('/token')) {
        const f = new URLSearchParams(req.body);
        if (f.get('grant_type') === 'authorization_code') {
          const challenge = challenges.get(f.get('code') ?? '');
          const verifier = f.get('code_verifier') ?? '';
          if (!challenge || createHash('sha256').update(verifier).digest('base64url') !== challenge) return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
          issued++;
          return json(res, 200, { access_token: `AT-${issued}-${randomBytes(8).toString('hex')}`, refresh_token: `RT-${issued}-${randomBytes(8).toString('hex')}`, expires_in: 86_400, scope: 'video.publish,user.info.basic' });
        }
        // Slow enough that two refreshers would overlap if both got through.
        await new Promise((r) => setTimeout(r, 150));
        if (failRefresh) return json(res, 400, { error: 'invalid_grant', error_description: 'refresh token revoked by the user' });
        issued++;
        return json(res, 200, { access_token: `AT-${issued}-${randomBytes(8).toString('hex')}`, refresh_token: `RT-${issued}-${randomBytes(8).toString('hex')}`, expires_in: 2 * 86_400 });
      }
      if (req.path === '/tiktok/me') return json(res, 200, { data: { user: { open_id: `tt-${req.headers.authorization?.slice(-4) ?? ''}`, display_name: 'Shop TW' } } });
      if (req.path === '/google/channels') return json(res, 200, { items: [{ id: 'UC123', snippet: { title: 'KingJam Channel' } }] });
      if (req.path === '/wp-json/wp/v2/users/me') return req.headers.authorization === `Basic ${Buffer.from('editor:abcd efgh ijkl mnop').toString('base64')}` ? json(res, 200, { id: 7, name: 'Editor' }) : json(res, 401, { code: 'rest_not_logged_in' });
      json(res, 404, { error: 'not_found' });
    });
    // A rotation done right: every instance is given k2 before any makes it current.
    s = await startPartnerServer(kind, { partners: { cipher: new TokenCipher(new Map([['k1', K1], ['k2', K2]]), 'k1'), platforms: platforms() } });
    u = await s.register();
  });
  afterAll(async () => {
    await s?.close();
    await fake?.close();
  });

  async function connect(user: Session, clientId?: string) {
    const start = await s.call<{ authorize_url: string; state: string }>('POST', '/v1/connections/oauth/start', { platform: 'tiktok', redirect_uri: 'http://127.0.0.1:53682/callback', ...(clientId ? { client_id: clientId } : {}) }, user.token);
    expect(start.status).toBe(200);
    const url = new URL(start.body.authorize_url);
    expect(url.origin + url.pathname).toBe(`${fake.base}/tiktok/authorize`);
    expect(url.searchParams.get('client_key')).toBe('tt-client');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBe(start.body.state);
    const code = `code-${randomBytes(6).toString('hex')}`;
    challenges.set(code, url.searchParams.get('code_challenge') ?? '');
    return { state: start.body.state, code };
  }

  it('connects through OAuth with state and PKCE; a wrong or reused state is refused', async () => {
    const client = await s.call<{ id: string }>('POST', '/v1/clients', { name: 'Bakery client' }, u.token);
    expect(client.status).toBe(201);
    const { state, code } = await connect(u, client.body.id);
    expect((await s.call('POST', '/v1/connections/oauth/callback', { state: `${state}x`, code }, u.token)).body).toMatchObject({ error: { code: 'INVALID_STATE' } });
    const other = await s.register();
    expect((await s.call('POST', '/v1/connections/oauth/callback', { state, code }, other.token)).body).toMatchObject({ error: { code: 'INVALID_STATE' } });
    const ok = await s.call<{ id: string; platform: string; status: string; client_id: string }>('POST', '/v1/connections/oauth/callback', { state, code }, u.token);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ platform: 'tiktok', status: 'active', client_id: client.body.id, display_name: 'Shop TW' });
    expect(JSON.stringify(ok.body)).not.toMatch(/AT-|RT-/);
    expect((await s.call('POST', '/v1/connections/oauth/callback', { state, code }, u.token)).body).toMatchObject({ error: { code: 'INVALID_STATE' } });
    // Expired state.
    const late = await connect(u);
    s.clock.advance(11 * 60_000);
    expect((await s.call('POST', '/v1/connections/oauth/callback', late, u.token)).body).toMatchObject({ error: { code: 'INVALID_STATE' } });
    const perClient = await s.call<{ connections: unknown[] }>('GET', `/v1/connections?client_id=${client.body.id}`, undefined, u.token);
    expect(perClient.body.connections).toHaveLength(1);
    expect((await s.call('POST', '/v1/connections/oauth/start', { platform: 'linkedin', redirect_uri: 'http://127.0.0.1/cb' }, u.token)).body).toMatchObject({ error: { code: 'PLATFORM_NOT_CONFIGURED' } });
  });

  it('stores only ciphertext, hands tokens out with an audit entry, and never logs them', async () => {
    const { state, code } = await connect(u);
    const conn = (await s.call<{ id: string }>('POST', '/v1/connections/oauth/callback', { state, code }, u.token)).body;
    const t = await s.call<{ access_token: string }>('POST', `/v1/connections/${conn.id}/access-token`, undefined, u.token);
    expect(t.status).toBe(200);
    expect(t.body.access_token).toMatch(/^AT-/);
    const row = await s.db.db.selectFrom('social_connections').selectAll().where('id', '=', conn.id).executeTakeFirstOrThrow();
    const cipher = new TokenCipher(new Map([['k1', K1], ['k2', K2]]), 'k1');
    const refresh = cipher.decrypt(row.key_id, row.refresh_ct ?? '', `${conn.id}:refresh`);
    expect(refresh).toMatch(/^RT-/);
    const dump = JSON.stringify(await s.db.db.selectFrom('social_connections').selectAll().execute());
    expect(dump).not.toContain(t.body.access_token);
    expect(dump).not.toContain(refresh);
    expect(dump).not.toContain(Buffer.from(t.body.access_token).toString('base64'));
    const list = await s.call('GET', '/v1/connections', undefined, u.token);
    expect(JSON.stringify(list.body)).not.toMatch(/AT-|RT-/);
    const audit = await s.call<{ entries: { action: string }[] }>('GET', `/v1/connections/${conn.id}/audit`, undefined, u.token);
    expect(audit.body.entries.map((e) => e.action)).toEqual(['access_token']);
    const stranger = await s.register();
    expect((await s.call('POST', `/v1/connections/${conn.id}/access-token`, undefined, stranger.token)).status).toBe(404);
    expect((await s.call('POST', `/v1/connections/${conn.id}/access-token`)).status).toBe(401);
    const logs = s.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(t.body.access_token);
    expect(logs).not.toContain(refresh);
    expect(logs).not.toContain(code);
  });

  it('two refreshers racing: one refresh reaches the platform; keys rotate on refresh', async () => {
    const { state, code } = await connect(u);
    const conn = (await s.call<{ id: string }>('POST', '/v1/connections/oauth/callback', { state, code }, u.token)).body;
    // Another service instance on its own connection pool, already on the next key.
    const other = await s.fresh.open();
    try {
      const rotated = new TokenCipher(new Map([['k1', K1], ['k2', K2]]), 'k2');
      const alerts = new RecordingChannel();
      const second = new VaultService(other, s.clock, rotated, new Hasher('x'), new Alerter([alerts], s.clock), new NoticeService(other, s.clock), resolvePlatforms(platforms(), {}));
      s.clock.advance(2 * 3600_000);
      const before = fake.requests.filter((r) => r.body.includes('grant_type=refresh_token')).length;
      const [a, b] = await Promise.all([s.app.partners.vault.refreshOne(conn.id), second.refreshOne(conn.id)]);
      expect([a, b].sort()).toEqual(['refreshed', 'skipped']);
      expect(fake.requests.filter((r) => r.body.includes('grant_type=refresh_token')).length - before).toBe(1);
      // The refresh re-encrypts under the refresher's current key.
      const row = await s.db.db.selectFrom('social_connections').select('key_id').where('id', '=', conn.id).executeTakeFirstOrThrow();
      expect(row.key_id).toBe(b === 'refreshed' ? 'k2' : 'k1');
      // Both instances' hourly jobs, racing over every due connection: no refresh token is ever sent twice.
      s.clock.advance(30 * 3600_000);
      const jobs = await Promise.all([s.app.partners.vault.refreshDue(), second.refreshDue()]);
      expect(jobs.every((j) => j.failed === 0)).toBe(true);
      expect(jobs[0]!.refreshed + jobs[1]!.refreshed).toBeGreaterThanOrEqual(1);
      const sent = fake.requests.filter((r) => r.body.includes('grant_type=refresh_token')).map((r) => new URLSearchParams(r.body).get('refresh_token'));
      expect(new Set(sent).size).toBe(sent.length);
    } finally {
      await other.close();
    }
  });

  it('an instance without a row\'s key leaves it alone, alerts the operators, and the job goes on', async () => {
    const { state, code } = await connect(u);
    const conn = (await s.call<{ id: string }>('POST', '/v1/connections/oauth/callback', { state, code }, u.token)).body;
    const alerts = new RecordingChannel();
    const misconfigured = new VaultService(s.db, s.clock, new TokenCipher(new Map([['k3', randomBytes(32)]]), 'k3'), new Hasher('x'), new Alerter([alerts], s.clock), new NoticeService(s.db, s.clock), resolvePlatforms(platforms(), {}));
    const before = await s.db.db.selectFrom('social_connections').selectAll().where('id', '=', conn.id).executeTakeFirstOrThrow();
    s.clock.advance(2 * 3600_000);
    const sentBefore = fake.requests.filter((r) => r.body.includes('grant_type=refresh_token')).length;
    const job = await misconfigured.refreshDue();
    expect(job.refreshed).toBe(0);
    expect(job.failed).toBeGreaterThanOrEqual(1);
    expect(fake.requests.filter((r) => r.body.includes('grant_type=refresh_token')).length).toBe(sentBefore);
    // One alert per key (and cooldown), however many connections it locks out.
    const alert = alerts.alerts.find((a) => a.key === `vault-key:${before.key_id}`);
    expect(alert?.level).toBe('critical');
    expect(alert?.message).toContain(`key ${before.key_id}`);
    const after = await s.db.db.selectFrom('social_connections').selectAll().where('id', '=', conn.id).executeTakeFirstOrThrow();
    expect({ status: after.status, key_id: after.key_id, refresh_ct: after.refresh_ct, lock_owner: after.lock_owner }).toEqual({ status: 'active', key_id: before.key_id, refresh_ct: before.refresh_ct, lock_owner: null });
    // An instance that has the key renews it.
    expect(await s.app.partners.vault.refreshOne(conn.id)).toBe('refreshed');
  });

  it('a refresh failure marks needs_reconnect, alerts, and keeps the old refresh token', async () => {
    const { state, code } = await connect(u);
    const conn = (await s.call<{ id: string }>('POST', '/v1/connections/oauth/callback', { state, code }, u.token)).body;
    const cipher = new TokenCipher(new Map([['k1', K1], ['k2', K2]]), 'k1');
    const before = await s.db.db.selectFrom('social_connections').selectAll().where('id', '=', conn.id).executeTakeFirstOrThrow();
    const oldRefresh = cipher.decrypt(before.key_id, before.refresh_ct ?? '', `${conn.id}:refresh`);
    failRefresh = true;
    try {
      s.clock.advance(3 * 3600_000);
      const r = await s.call<{ result: { failed: number } }>('POST', '/v1/admin/jobs/token-refresh/run', undefined, (await s.admin()).token);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.result.failed).toBeGreaterThanOrEqual(1);
    } finally {
      failRefresh = false;
    }
    const view = await s.call<{ status: string; last_error: string }>('GET', `/v1/connections/${conn.id}`, undefined, u.token);
    expect(view.body.status).toBe('needs_reconnect');
    expect(view.body.last_error).toContain('invalid_grant');
    const after = await s.db.db.selectFrom('social_connections').selectAll().where('id', '=', conn.id).executeTakeFirstOrThrow();
    expect(cipher.decrypt(after.key_id, after.refresh_ct ?? '', `${conn.id}:refresh`)).toBe(oldRefresh);
    expect(s.alerts.alerts.some((a) => a.key === `token:${conn.id}` && !a.message.includes(oldRefresh))).toBe(true);
    expect((await s.call('POST', `/v1/connections/${conn.id}/access-token`, undefined, u.token)).body).toMatchObject({ error: { code: 'NEEDS_RECONNECT' } });
    expect(s.logs.join('')).not.toContain(oldRefresh);

    // The owner gets one in-app notice with the platform's reason, however many hourly runs follow.
    failRefresh = true;
    try {
      s.clock.advance(3600_000);
      await s.app.partners.vault.refreshDue();
    } finally {
      failRefresh = false;
    }
    type Notices = { notifications: { id: string; kind: string; subject_id: string; body: string; data: Record<string, string> }[] };
    const mine = (await s.call<Notices>('GET', '/v1/notifications', undefined, u.token)).body.notifications.filter((n) => n.subject_id === conn.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'connection_needs_reconnect', data: { connection_id: conn.id, platform: 'tiktok', display_name: 'Shop TW' } });
    expect(mine[0]!.data.reason).toContain('refresh token revoked by the user');
    expect(JSON.stringify(mine)).not.toContain(oldRefresh);
    // Nobody else sees it or can clear it.
    const stranger = await s.register();
    expect((await s.call<Notices>('GET', '/v1/notifications', undefined, stranger.token)).body.notifications).toEqual([]);
    expect((await s.call('POST', '/v1/notifications/read', { ids: [mine[0]!.id] }, stranger.token)).body).toEqual({ marked: 0 });
    expect((await s.call('GET', '/v1/notifications')).status).toBe(401);
    for (const bad of [{}, { ids: [] }, { ids: ['not-a-uuid'] }, { ids: [mine[0]!.id], extra: 1 }]) expect((await s.call('POST', '/v1/notifications/read', bad, u.token)).status).toBe(400);
    expect((await s.call('GET', '/v1/notifications?limit=1000', undefined, u.token)).status).toBe(400);
    expect((await s.call('POST', '/v1/notifications/read', { ids: [mine[0]!.id] }, u.token)).body).toEqual({ marked: 1 });
    expect((await s.call<Notices>('GET', '/v1/notifications', undefined, u.token)).body.notifications.filter((n) => n.subject_id === conn.id)).toEqual([]);
  });

  it('WordPress: application passwords, public https sites only', async () => {
    expect((await s.call('POST', '/v1/connections/wordpress', { site_url: fake.base, username: 'editor', app_password: 'abcd efgh ijkl mnop' }, u.token)).body).toMatchObject({ error: { code: 'SITE_NOT_ALLOWED' } });
    expect((await s.call('POST', '/v1/connections/wordpress', { site_url: 'https://10.0.0.5', username: 'editor', app_password: 'abcd efgh ijkl mnop' }, u.token)).body).toMatchObject({ error: { code: 'SITE_NOT_ALLOWED' } });
    expect((await s.call('POST', '/v1/connections/wordpress', { site_url: 'https://localhost', username: 'editor', app_password: 'abcd efgh ijkl mnop' }, u.token)).body).toMatchObject({ error: { code: 'SITE_NOT_ALLOWED' } });
    expect((await s.call('POST', '/v1/connections/wordpress', { site_url: 'https://2130706433', username: 'editor', app_password: 'abcd efgh ijkl mnop' }, u.token)).body).toMatchObject({ error: { code: 'SITE_NOT_ALLOWED' } });
    expect((await s.call('POST', '/v1/connections/wordpress', { site_url: 'https://[64:ff9b::a9fe:a9fe]', username: 'editor', app_password: 'abcd efgh ijkl mnop' }, u.token)).body).toMatchObject({ error: { code: 'SITE_NOT_ALLOWED' } });
    // A public-looking name that resolves to a private address is refused before any connection.
    const resolving = new VaultService(s.db, s.clock, new TokenCipher(new Map([['k1', K1]]), 'k1'), new Hasher('x'), new Alerter([], s.clock), new NoticeService(s.db, s.clock), {}, { resolve: async () => [{ address: '10.0.0.5', family: 4 }] });
    await expect(resolving.connectWordPress(u.id, { site_url: 'https://blog.example.com', username: 'editor', app_password: 'abcd efgh ijkl mnop' })).rejects.toMatchObject({ code: 'SITE_NOT_ALLOWED' });
    const intranet = new VaultService(s.db, s.clock, new TokenCipher(new Map([['k1', K1]]), 'k1'), new Hasher('x'), new Alerter([], s.clock), new NoticeService(s.db, s.clock), {}, { allowPrivateSites: [fake.base] });
    const c = await intranet.connectWordPress(u.id, { site_url: fake.base, username: 'editor', app_password: 'abcd efgh ijkl mnop' });
    expect(c).toMatchObject({ platform: 'wordpress', display_name: 'Editor', expires_at: null });
    await expect(intranet.connectWordPress(u.id, { site_url: fake.base, username: 'editor', app_password: 'wrong password' })).rejects.toMatchObject({ code: 'PLATFORM_AUTH_FAILED' });
    const t = await s.call<{ access_token: string }>('POST', `/v1/connections/${c.id}/access-token`, undefined, u.token);
    expect(JSON.parse(t.body.access_token)).toMatchObject({ username: 'editor', app_password: 'abcd efgh ijkl mnop' });
  });
});
