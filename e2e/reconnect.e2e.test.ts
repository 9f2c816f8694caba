import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, migrate, openDatabase, TestClock, type App, type DbHandle } from '../cloud-sync/src/index.js';
import { collectPageErrors, launchChromium, saveScreenshot } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';

const UI_TIMEOUT = 20_000;
const EMAIL = 'reconnect-e2e@example.com';
const PASSWORD = 'correct horse battery staple 9';
const REVOKED = 'refresh token revoked by the user';

/**
 * A TikTok-like platform on loopback: OAuth 2.0 with PKCE, a fixed account, and refreshes it can be told to refuse.
 * Codes are handed out by the test (as the platform would after the user allows access).
 */
async function fakeTikTok() {
  const challenges = new Map<string, string>();
  const authorizeRequests: URL[] = [];
  let refuseRefresh = false;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const json = (status: number, value: unknown) => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(value));
      };
      if (url.pathname === '/authorize') {
        authorizeRequests.push(url);
        res.setHeader('content-type', 'text/html');
        return res.end('<p>Allow KingJam to post for Shop TW?</p>');
      }
      if (url.pathname === '/token') {
        const f = new URLSearchParams(body);
        if (f.get('grant_type') === 'refresh_token') {
          if (refuseRefresh) return json(400, { error: 'invalid_grant', error_description: REVOKED });
          return json(200, { access_token: `AT-${randomBytes(6).toString('hex')}`, refresh_token: `RT-${randomBytes(6).toString('hex')}`, expires_in: 86_400 });
        }
        const challenge = challenges.get(f.get('code') ?? '');
        if (!challenge || createHash('sha256').update(f.get('code_verifier') ?? '').digest('base64url') !== challenge) return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        // Short-lived, so the hourly refresh job picks it up at once.
        return json(200, { access_token: `AT-${randomBytes(6).toString('hex')}`, refresh_token: `RT-${randomBytes(6).toString('hex')}`, expires_in: 3600, scope: 'video.publish,user.info.basic' });
      }
      if (url.pathname === '/me') return json(200, { data: { user: { open_id: 'tt-shop-tw', display_name: 'Shop TW' } } });
      json(404, { error: 'not_found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    authorizeRequests,
    setRefuseRefresh: (v: boolean) => (refuseRefresh = v),
    /** The user allowed access on the authorize page: a code bound to that request's PKCE challenge, and its state. */
    allow(authorize: URL): { code: string; state: string } {
      const code = `code-${randomBytes(6).toString('hex')}`;
      challenges.set(code, authorize.searchParams.get('code_challenge') ?? '');
      return { code, state: authorize.searchParams.get('state') ?? '' };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let dir: string;
let db: DbHandle;
let cloud: App;
let cloudUrl: string;
let platform: Awaited<ReturnType<typeof fakeTikTok>>;
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let userId: string;
let connectionId: string;
const clock = new TestClock();

const byTestId = (id: string) => page.getByTestId(id);

async function cloudCall<T>(method: string, route: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${cloudUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${route} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

describe('a connection whose token refresh failed: the owner is told and reconnects', () => {
  beforeAll(async () => {
    platform = await fakeTikTok();
    dir = await mkdtemp(path.join(tmpdir(), 'kingjam-e2e-reconnect-'));
    db = openDatabase(path.join(dir, 'cloud.db'));
    await migrate(db);
    cloud = await buildApp({
      db,
      jwtSecret: randomBytes(32).toString('hex'),
      clock,
      partners: {
        platforms: { tiktok: { clientId: 'tt-client', clientSecret: 'tt-secret', authorizeUrl: `${platform.base}/authorize`, tokenUrl: `${platform.base}/token`, profileUrl: `${platform.base}/me` } },
      },
    });
    await cloud.server.listen({ port: 0, host: '127.0.0.1' });
    cloudUrl = `http://127.0.0.1:${(cloud.server.server.address() as AddressInfo).port}`;

    // The account was connected earlier (through the API, as the desktop does) and has been working.
    const reg = await fetch(`${cloudUrl}/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
    const session = (await reg.json()) as { user: { id: string }; access_token: string };
    userId = session.user.id;
    const start = await cloudCall<{ authorize_url: string }>('POST', '/v1/connections/oauth/start', session.access_token, { platform: 'tiktok', redirect_uri: 'http://127.0.0.1:53682/oauth/callback' });
    const first = await cloudCall<{ id: string }>('POST', '/v1/connections/oauth/callback', session.access_token, platform.allow(new URL(start.authorize_url)));
    connectionId = first.id;

    server = await startStudioServer({ KINGJAM_CLOUD_URL: cloudUrl, KINGJAM_SECRET_KEY: randomBytes(32).toString('hex') });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
    await cloud?.server.close();
    await db?.close();
    await platform?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the hourly refresh is refused: one notice for the owner, the connection needs reconnecting', async () => {
    platform.setRefuseRefresh(true);
    expect(await cloud.partners.vault.refreshDue()).toMatchObject({ failed: 1 });
    clock.advance(3600_000);
    await cloud.partners.vault.refreshDue();
    const notices = await cloud.partners.notices.unread(userId, 50);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ subject_id: connectionId, data: { platform: 'tiktok', display_name: 'Shop TW' } });
    platform.setRefuseRefresh(false);
  });

  it('signing in shows a toast with the platform and its reason, once', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('language-quick').selectOption('en');
    await byTestId('nav-account').click();
    await byTestId('login-email').fill(EMAIL);
    await byTestId('login-password').fill(PASSWORD);
    await byTestId('login-submit').click();
    await byTestId('account-signed-in').waitFor();
    const toast = byTestId('toast-error').filter({ hasText: 'Your TikTok account needs reconnecting' });
    await toast.waitFor();
    expect(await toast.innerText()).toContain(`Shop TW: HTTP 400 invalid_grant: ${REVOKED}`);
    expect(await toast.innerText()).toContain('Reconnect');
    await saveScreenshot(page, 'reconnect-toast');
    // Shown, so marked read in the cloud: the next poll or a reload does not repeat it.
    await expect.poll(() => cloud.partners.notices.unread(userId, 50)).toEqual([]);
  });

  it('Connections shows the banner with the reason; Reconnect goes through OAuth again and clears it', async () => {
    await page.keyboard.press('Control+Shift+KeyL');
    await byTestId('page-connections').waitFor();
    const banner = byTestId('reconnect-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Shop TW (TikTok, My own accounts)');
    expect(await banner.getByTestId('reconnect-reason').innerText()).toBe(`HTTP 400 invalid_grant: ${REVOKED}`);
    expect(await byTestId('connection-row').getAttribute('data-status')).toBe('needs_reconnect');
    await saveScreenshot(page, 'connections-reconnect-banner');

    await banner.getByTestId('reconnect-now').click();
    const dialog = byTestId('connect-dialog');
    await dialog.waitFor();
    expect(await byTestId('connect-platform').inputValue()).toBe('tiktok');
    expect(await byTestId('connect-platform').isDisabled()).toBe(true);
    const before = platform.authorizeRequests.length;
    const popup = context.waitForEvent('page');
    await byTestId('oauth-start').click();
    await (await popup).close();
    await expect.poll(() => platform.authorizeRequests.length).toBe(before + 1);
    const { code, state } = platform.allow(platform.authorizeRequests.at(-1)!);
    await byTestId('oauth-redirect').fill(`http://127.0.0.1:53682/oauth/callback?code=${code}&state=${state}`);
    await byTestId('connect-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await byTestId('toast-success').filter({ hasText: 'Shop TW is connected.' }).waitFor();
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => byTestId('connection-row').getAttribute('data-status')).toBe('active');
    const row = await db.db.selectFrom('social_connections').select(['id', 'status']).where('user_id', '=', userId).execute();
    expect(row).toEqual([{ id: connectionId, status: 'active' }]);
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  });
});
