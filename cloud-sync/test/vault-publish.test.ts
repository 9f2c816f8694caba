import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from './support/db.js';
import type { Session } from './support/http.js';
import type { Loopback, PartnerServer } from './support/partners.js';
import { json, loopback, startPartnerServer } from './support/partners.js';

type Notices = { notifications: { kind: string; subject_id: string; data: Record<string, string> }[] };
interface Conn {
  id: string;
  platform: string;
  account_id: string;
  display_name: string;
  status: string;
  last_error: string | null;
  expires_at: number | null;
  error?: { code: string; message: string };
}

/** What the vault adds for publishing (issue 13): LINE Official Accounts by channel token, and "refresh this token now". */
describeEachDb('vault for publishing', (kind) => {
  let s: PartnerServer;
  let fake: Loopback;
  let u: Session;
  /** Channel access tokens LINE accepts, and the bot each belongs to. */
  const lineTokens = new Map<string, { userId: string; basicId: string; displayName: string }>();
  let lineDown = false;
  const challenges = new Map<string, string>();
  let issued = 0;
  let refuseRefresh = false;

  beforeAll(async () => {
    fake = await loopback(async (req, res) => {
      // LINE Messaging API: GET /v2/bot/info; errors are {"message","details"}.
      if (req.path === '/line/v2/bot/info') {
        if (lineDown) return json(res, 500, { message: 'An error occurred on the server' });
        const bot = lineTokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
        if (!bot) return json(res, 401, { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' });
        return json(res, 200, { ...bot, pictureUrl: 'https://profile.line-scdn.net/abc', chatMode: 'bot', markAsReadMode: 'auto' });
      }
      // TikTok-style OAuth with PKCE and rotating refresh tokens.
      if (req.path === '/tiktok/token') {
        const f = new URLSearchParams(req.body);
        if (f.get('grant_type') === 'authorization_code') {
          const challenge = challenges.get(f.get('code') ?? '');
          if (!challenge || createHash('sha256').update(f.get('code_verifier') ?? '').digest('base64url') !== challenge) return json(res, 400, { error: 'invalid_grant' });
        } else if (refuseRefresh) return json(res, 400, { error: 'invalid_grant', error_description: 'refresh_token is revoked by the user' });
        issued++;
        return json(res, 200, { access_token: `AT-${issued}-${randomBytes(6).toString('hex')}`, refresh_token: `RT-${issued}-${randomBytes(6).toString('hex')}`, expires_in: 86_400, scope: 'video.publish' });
      }
      if (req.path === '/tiktok/me') return json(res, 200, { data: { user: { open_id: 'tt-open-1', display_name: 'Shop TW' } } });
      json(res, 404, { message: 'Not found' });
    });
    s = await startPartnerServer(kind, {
      partners: {
        platforms: { tiktok: { clientId: 'tt-client', clientSecret: 'tt-secret', authorizeUrl: `${fake.base}/tiktok/authorize`, tokenUrl: `${fake.base}/tiktok/token`, profileUrl: `${fake.base}/tiktok/me` } },
        vault: { lineApiBase: `${fake.base}/line` },
      },
    });
    u = await s.register();
  });
  afterAll(async () => {
    await s?.close();
    await fake?.close();
  });

  async function connectTikTok(user: Session): Promise<Conn> {
    const start = await s.call<{ authorize_url: string; state: string }>('POST', '/v1/connections/oauth/start', { platform: 'tiktok', redirect_uri: 'http://127.0.0.1:53682/callback' }, user.token);
    const code = `code-${randomBytes(6).toString('hex')}`;
    challenges.set(code, new URL(start.body.authorize_url).searchParams.get('code_challenge') ?? '');
    const r = await s.call<Conn>('POST', '/v1/connections/oauth/callback', { state: start.body.state, code }, user.token);
    expect(r.status).toBe(201);
    return r.body;
  }

  const accessToken = async (user: Session, id: string) => (await s.call<{ access_token: string }>('POST', `/v1/connections/${id}/access-token`, undefined, user.token)).body.access_token;

  it('connects a LINE Official Account by its channel access token, checked with LINE and stored encrypted', async () => {
    const token = `line-channel-${randomBytes(24).toString('base64url')}`;
    lineTokens.set(token, { userId: 'U4af4980629e4d4a4e0e2d1a1e2b3c4d5', basicId: '@123abcde', displayName: 'KingJam 商店' });
    const r = await s.call<Conn>('POST', '/v1/connections/line-oa', { channel_access_token: token }, u.token);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ platform: 'line-oa', account_id: 'U4af4980629e4d4a4e0e2d1a1e2b3c4d5', display_name: 'KingJam 商店 (@123abcde)', status: 'active', expires_at: null });
    expect(fake.requests.filter((q) => q.path === '/line/v2/bot/info').at(-1)?.headers.authorization).toBe(`Bearer ${token}`);
    expect(JSON.stringify(r.body)).not.toContain(token);
    expect(JSON.stringify(await s.db.db.selectFrom('social_connections').selectAll().execute())).not.toContain(token);
    // The publisher gets it through the same audited hand-out as any token.
    expect(await accessToken(u, r.body.id)).toBe(token);
    // Connecting the same bot again updates the one connection.
    const again = await s.call<Conn>('POST', '/v1/connections/line-oa', { channel_access_token: token }, u.token);
    expect(again.body.id).toBe(r.body.id);
    // Never refreshed: a channel token has no expiry, so the hourly job never picks it up.
    s.clock.advance(400 * 86_400_000);
    const before = fake.requests.length;
    expect((await s.app.partners.vault.refreshDue()).refreshed).toBe(0);
    expect(fake.requests.length).toBe(before);
    expect(await accessToken(u, r.body.id)).toBe(token);
  });

  it('refuses a token LINE rejects (400, nothing stored, never logged) and says when LINE is down', async () => {
    const wrong = `line-wrong-${randomBytes(24).toString('base64url')}`;
    const r = await s.call<Conn>('POST', '/v1/connections/line-oa', { channel_access_token: wrong }, u.token);
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('PLATFORM_TOKEN_REFUSED');
    expect(r.body.error?.message).toContain('Authentication failed');
    expect(r.body.error?.message).not.toContain(wrong);
    lineDown = true;
    const down = await s.call<Conn>('POST', '/v1/connections/line-oa', { channel_access_token: wrong }, u.token);
    lineDown = false;
    expect(down.status).toBe(502);
    expect(down.body.error?.code).toBe('PLATFORM_ERROR');
    expect((await s.call('POST', '/v1/connections/line-oa', { channel_access_token: 'short' }, u.token)).status).toBe(400);
    const other = await s.register();
    expect((await s.call<{ connections: Conn[] }>('GET', '/v1/connections', undefined, other.token)).body.connections).toEqual([]);
    expect(s.logs.join('')).not.toContain(wrong);
  });

  it('renews an OAuth token now, owner only, audited; the hand-out then gives the new token', async () => {
    const conn = await connectTikTok(u);
    const old = await accessToken(u, conn.id);
    const stranger = await s.register();
    expect((await s.call('POST', `/v1/connections/${conn.id}/refresh`, undefined, stranger.token)).status).toBe(404);
    expect((await s.call('POST', `/v1/connections/${conn.id}/refresh`)).status).toBe(401);
    const r = await s.call<{ connection_id: string; expires_at: number }>('POST', `/v1/connections/${conn.id}/refresh`, undefined, u.token);
    expect(r.status).toBe(200);
    expect(r.body.expires_at).toBe(s.clock.now() + 86_400_000);
    expect(JSON.stringify(r.body)).not.toMatch(/AT-|RT-/);
    const fresh = await accessToken(u, conn.id);
    expect(fresh).toMatch(/^AT-/);
    expect(fresh).not.toBe(old);
    const audit = await s.call<{ entries: { action: string }[] }>('GET', `/v1/connections/${conn.id}/audit`, undefined, u.token);
    expect(audit.body.entries.map((e) => e.action)).toEqual(['access_token', 'refreshed', 'refresh_requested', 'access_token']);
  });

  it('answers 409 NEEDS_RECONNECT when the platform refuses the renewal, marks the connection and tells the owner once', async () => {
    const owner = await s.register();
    const conn = await connectTikTok(owner);
    refuseRefresh = true;
    try {
      const r = await s.call<Conn>('POST', `/v1/connections/${conn.id}/refresh`, undefined, owner.token);
      expect(r.status).toBe(409);
      expect(r.body.error?.code).toBe('NEEDS_RECONNECT');
      expect(r.body.error?.message).toContain('refresh_token is revoked by the user');
      const row = (await s.call<Conn>('GET', `/v1/connections/${conn.id}`, undefined, owner.token)).body;
      expect(row).toMatchObject({ status: 'needs_reconnect' });
      expect(row.last_error).toContain('invalid_grant');
      const calls = fake.requests.filter((q) => q.path === '/tiktok/token').length;
      expect((await s.call<Conn>('POST', `/v1/connections/${conn.id}/refresh`, undefined, owner.token)).body.error?.code).toBe('NEEDS_RECONNECT');
      // Already marked: the platform is not asked again.
      expect(fake.requests.filter((q) => q.path === '/tiktok/token').length).toBe(calls);
      const notices = (await s.call<Notices>('GET', '/v1/notifications', undefined, owner.token)).body.notifications.filter((n) => n.subject_id === conn.id);
      expect(notices.map((n) => n.kind)).toEqual(['connection_needs_reconnect']);
      expect((await s.call('POST', `/v1/connections/${conn.id}/access-token`, undefined, owner.token)).status).toBe(409);
    } finally {
      refuseRefresh = false;
    }
  });

  it('checks a LINE channel token on refresh: still valid answers 200, revoked marks it needs_reconnect', async () => {
    const owner = await s.register();
    const token = `line-channel-${randomBytes(24).toString('base64url')}`;
    lineTokens.set(token, { userId: 'U0000000000000000000000000000beef', basicId: '@beef', displayName: 'Bakery' });
    const conn = (await s.call<Conn>('POST', '/v1/connections/line-oa', { channel_access_token: token }, owner.token)).body;
    const ok = await s.call<{ expires_at: number | null }>('POST', `/v1/connections/${conn.id}/refresh`, undefined, owner.token);
    expect(ok.status).toBe(200);
    expect(ok.body.expires_at).toBeNull();
    lineTokens.delete(token);
    const gone = await s.call<Conn>('POST', `/v1/connections/${conn.id}/refresh`, undefined, owner.token);
    expect(gone.status).toBe(409);
    expect(gone.body.error?.code).toBe('NEEDS_RECONNECT');
    expect((await s.call<Conn>('GET', `/v1/connections/${conn.id}`, undefined, owner.token)).body).toMatchObject({ status: 'needs_reconnect' });
    expect(s.logs.join('')).not.toContain(token);
  });
});
