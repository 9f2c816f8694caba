import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, migrate, openDatabase, TestClock, type App, type DbHandle } from '../cloud-sync/src/index.js';
import { RecordingMailer, registerAndVerifyAt } from '../cloud-sync/test/support/mail.js';
import { fakeTikTok, freePort, REVOKED, tiktokSettings, type FakeTikTok } from '../test/helpers/oauth-platform.js';
import { closeBrowser, collectPageErrors, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';

const UI_TIMEOUT = 20_000;
const EMAIL = 'reconnect-e2e@example.com';
const PASSWORD = 'correct horse battery staple 9';

let dir: string;
let db: DbHandle;
let cloud: App;
let cloudUrl: string;
let platform: FakeTikTok;
/** Where the studio listens for the browser coming back from the platform (a port of this test's own, not 53682). */
let redirectUri: string;
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
    const mail = new RecordingMailer();
    cloud = await buildApp({
      db,
      jwtSecret: randomBytes(32).toString('hex'),
      clock,
      mailer: mail,
      partners: {
        platforms: { tiktok: tiktokSettings(platform.base) },
      },
    });
    await cloud.server.listen({ port: 0, host: '127.0.0.1' });
    cloudUrl = `http://127.0.0.1:${(cloud.server.server.address() as AddressInfo).port}`;

    // The account was connected earlier (through the API, as the desktop does) and has been working.
    const session = await registerAndVerifyAt(cloudUrl, mail, { email: EMAIL, password: PASSWORD });
    userId = session.user.id;
    const start = await cloudCall<{ authorize_url: string }>('POST', '/v1/connections/oauth/start', session.access_token, { platform: 'tiktok', redirect_uri: 'http://127.0.0.1:53682/oauth/callback' });
    const first = await cloudCall<{ id: string }>('POST', '/v1/connections/oauth/callback', session.access_token, platform.allow(new URL(start.authorize_url)));
    connectionId = first.id;

    redirectUri = `http://127.0.0.1:${await freePort()}/oauth/callback`;
    server = await startStudioServer({ KINGJAM_CLOUD_URL: cloudUrl, KINGJAM_SECRET_KEY: randomBytes(32).toString('hex'), KINGJAM_OAUTH_REDIRECT_URI: redirectUri });
    browser = await launchChromium();
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
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
    const popup = context.waitForEvent('page');
    await byTestId('oauth-start').click();
    // The studio listens at the redirect address: the dialog waits, with the paste-back fields folded away.
    const consent = await popup;
    await byTestId('oauth-waiting').waitFor();
    expect(await byTestId('oauth-redirect').isVisible()).toBe(false);
    expect(await byTestId('connect-submit').count()).toBe(0);
    await saveScreenshot(page, 'connect-waiting-for-browser');

    // The owner says no on the platform first: the browser is told, the dialog shows why and offers paste-back and a new start.
    await consent.getByTestId('deny').click();
    await consent.locator('main[data-outcome="error"]').waitFor();
    expect(await consent.locator('h1').innerText()).toBe('The account was not connected');
    await consent.close();
    const error = byTestId('connect-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('CANCELED');
    expect(await error.innerText()).toContain('Access was not allowed on TikTok');
    expect(await byTestId('oauth-redirect').isVisible()).toBe(true);
    expect(await byTestId('oauth-waiting').count()).toBe(0);

    // Starting again opens the consent page once more; allowing there finishes the connection by itself.
    const again = context.waitForEvent('page');
    await byTestId('oauth-open-again').click();
    const second = await again;
    const secondErrors = collectPageErrors(second);
    await byTestId('oauth-waiting').waitFor();
    await second.getByTestId('allow').click();
    await second.locator('main[data-outcome="connected"]').waitFor();
    expect(await second.locator('main').innerText()).toContain('Shop TW on TikTok is now connected to KingJam Studio.');
    await saveScreenshot(second, 'oauth-callback-connected');
    // The page's only style passes its strict CSP (a wrong hash would be a console error).
    expect(secondErrors).toEqual([]);
    await second.close();
    await dialog.waitFor({ state: 'detached' });
    await byTestId('toast-success').filter({ hasText: 'Shop TW is connected.' }).waitFor();
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => byTestId('connection-row').getAttribute('data-status')).toBe('active');
    const row = await db.db.selectFrom('social_connections').select(['id', 'status']).where('user_id', '=', userId).execute();
    expect(row).toEqual([{ id: connectionId, status: 'active' }]);
    // One answer, then the studio stops listening.
    await expect(fetch(redirectUri)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  });

  it('when another program holds the redirect port, connecting falls back to pasting the address', async () => {
    const squatter = createServer((_req, res) => res.end('another program'));
    await new Promise<void>((r) => squatter.listen(Number(new URL(redirectUri).port), '127.0.0.1', r));
    try {
      clock.advance(1000);
      const { refreshed_at: refreshedBefore } = await db.db.selectFrom('social_connections').select('refreshed_at').where('id', '=', connectionId).executeTakeFirstOrThrow();
      await byTestId('connection-add').click();
      const dialog = byTestId('connect-dialog');
      await dialog.waitFor();
      await byTestId('connect-platform').selectOption('tiktok');
      const before = platform.authorizeRequests.length;
      const popup = context.waitForEvent('page');
      await byTestId('oauth-start').click();
      await (await popup).close();
      await expect.poll(() => platform.authorizeRequests.length).toBe(before + 1);
      // Not listening: no waiting, the fields are there at once.
      expect(await byTestId('oauth-finish-form').getAttribute('data-listening')).toBe('false');
      expect(await byTestId('oauth-waiting').count()).toBe(0);
      const { code, state } = platform.allow(platform.authorizeRequests.at(-1)!);
      await byTestId('oauth-redirect').fill(`${redirectUri}?code=${code}&state=${state}`);
      await byTestId('connect-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await expect
        .poll(async () => (await db.db.selectFrom('social_connections').select('refreshed_at').where('id', '=', connectionId).executeTakeFirstOrThrow()).refreshed_at)
        .toBeGreaterThan(refreshedBefore ?? 0);
      expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
    } finally {
      await new Promise<void>((r) => squatter.close(() => r()));
    }
  });
});
