import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, migrate, openDatabase, type App } from '../cloud-sync/src/index.js';
import { createHandlers, type Handlers } from '../src/main/api/handlers.js';
import { NodeWorkerSpawner } from '../src/main/jobs/node-transport.js';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import { Studio } from '../src/main/studio.js';
import { CALLBACK_PAGE_CSP, listenForRedirect, loopbackTarget, pageLanguage } from '../src/main/sync/oauth-loopback.js';
import { ConnectionService } from '../src/main/sync/connections.js';
import type { OAuthCompleted } from '../src/shared/partners.js';
import { fakeTikTok, freePort, tiktokSettings, type FakeTikTok } from './helpers/oauth-platform.js';
import { contractCalls } from './helpers/calls.js';
import { FAST_JOBS, tempHome } from './helpers/studio.js';

/**
 * Connecting an account through the loopback redirect (RFC 8252 §7.3): the
 * desktop calls go through the contract and the handlers to a real
 * cloud-sync, the platform is a loopback fake, and the test plays the
 * browser with fetch — the consent page, then the redirect to the app.
 */

const email = 'loopback@example.com';
const password = 'correct horse battery staple';
let platform: FakeTikTok;
let app: App;
let studio: Studio;
let handlers: Handlers;
let redirectUri: string;
let completed: OAuthCompleted[] = [];

const { call, refused } = contractCalls(() => handlers);

/** The browser on the platform's consent page: follows its Allow or Deny link, which leads back to the app. */
async function consent(authorizeUrl: string, choice: 'allow' | 'deny'): Promise<string> {
  const page = await (await fetch(authorizeUrl)).text();
  const href = new RegExp(`data-testid="${choice}" href="([^"]+)"`).exec(page)?.[1];
  if (!href) throw new Error(`no ${choice} link on the consent page: ${page}`);
  return href.replace(/&#38;/g, '&');
}

function browser(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', ...init });
}

const refusedConnection = { cause: { code: 'ECONNREFUSED' } };

beforeAll(async () => {
  platform = await fakeTikTok();
  const db = openDatabase(path.join(tempHome('kingjam-loopback-cloud-'), 'cloud.db'));
  await migrate(db);
  app = await buildApp({ db, jwtSecret: randomBytes(32).toString('hex'), partners: { platforms: { tiktok: tiktokSettings(platform.base) } } });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const cloudUrl = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
  const reg = await fetch(`${cloudUrl}/v1/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  // Accepted; signing in works before the mailed code is entered (the sign-up credits wait for it).
  expect(reg.status).toBe(202);

  // Not 53682: a port of this test's own, read by the service when the handlers are made.
  redirectUri = `http://127.0.0.1:${await freePort()}/oauth/callback`;
  process.env.KINGJAM_OAUTH_REDIRECT_URI = redirectUri;
  const home = tempHome('kingjam-loopback-');
  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), jobConfig: FAST_JOBS, secrets, startJobs: false, sync: { defaultCloudUrl: cloudUrl, syncEveryMs: 3_600_000 } });
  handlers = createHandlers(studio, 'web');
  delete process.env.KINGJAM_OAUTH_REDIRECT_URI;
  studio.events.on('connections.oauthCompleted', (e) => completed.push(e));
  await studio.sync.login({ email, password });
});

afterAll(async () => {
  await studio?.close();
  await app?.server.close();
  await platform?.close();
});

beforeEach(() => {
  completed = [];
});

describe('connecting through the loopback redirect', () => {
  it('refuses a callback whose state is not the flow’s: an error page and event, nothing stored, the listener closed', async () => {
    const start = await call('connections.oauthStart', { platform: 'tiktok' });
    expect(start).toMatchObject({ listening: true, redirectUri, flowId: expect.any(String) });
    const { code } = platform.allow(new URL(start.authorizeUrl));
    const res = await browser(`${redirectUri}?code=${code}&state=${'w'.repeat(43)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-security-policy')).toBe(CALLBACK_PAGE_CSP);
    const page = await res.text();
    expect(page).toContain('data-outcome="error"');
    expect(page).toContain('not the one KingJam Studio is waiting for');
    expect(completed).toEqual([{ flowId: start.flowId, ok: false, error: expect.objectContaining({ code: 'BAD_INPUT', field: 'state' }) }]);
    expect(await call('connections.list', {})).toEqual([]);
    await expect(browser(`${redirectUri}?code=${code}&state=${start.state}`)).rejects.toMatchObject(refusedConnection);
  });

  it('says so clearly when the user does not allow access on the platform', async () => {
    const start = await call('connections.oauthStart', { platform: 'tiktok' });
    const res = await browser(await consent(start.authorizeUrl, 'deny'), { headers: { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.5' } });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('你没有在 TikTok 允许访问');
    expect(completed).toHaveLength(1);
    const [event] = completed;
    if (!event || event.ok) throw new Error(`expected a refusal, got ${JSON.stringify(event)}`);
    expect(event.error).toMatchObject({ code: 'CANCELED', hint: expect.stringContaining('Allow') });
    expect(event.error.message).toBe('Access was not allowed on TikTok (access_denied: The user denied the request); nothing was connected.');
    expect(await call('connections.list', {})).toEqual([]);
  });

  it('finishes by itself when the browser comes back: a connected page, the connection stored, one event, the listener gone', async () => {
    const start = await call('connections.oauthStart', { platform: 'tiktok' });
    expect(start.listening).toBe(true);
    const redirect = await consent(start.authorizeUrl, 'allow');
    expect(redirect.startsWith(`${redirectUri}?`)).toBe(true);

    const res = await browser(redirect, { headers: { 'Accept-Language': 'zh-TW,zh;q=0.9' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(CALLBACK_PAGE_CSP);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await res.text();
    expect(page).toContain('data-outcome="connected"');
    expect(page).toContain('TikTok 上的 Shop TW 已連結到 KingJam Studio。');
    // Self-contained: no script, no remote address, and nothing that echoes the code.
    expect(page).not.toMatch(/<script|https?:\/\//i);
    expect(page).not.toContain(new URL(redirect).searchParams.get('code'));

    const connections = await call('connections.list', {});
    expect(connections).toEqual([expect.objectContaining({ platform: 'tiktok', accountId: 'tt-shop-tw', displayName: 'Shop TW', status: 'active' })]);
    expect(completed).toEqual([{ flowId: start.flowId, ok: true, connection: connections[0] }]);
    await expect(browser(redirect)).rejects.toMatchObject(refusedConnection);

    // The same answer pasted back is a replay: the cloud refuses the used state, nothing changes.
    const { code, state } = Object.fromEntries(new URL(redirect).searchParams);
    expect(await refused('connections.oauthFinish', { code, state })).toMatchObject({ code: 'BAD_INPUT', cloud: { code: 'INVALID_STATE' } });
    expect(await call('connections.list', {})).toEqual(connections);
    expect(completed).toHaveLength(1);
  });

  it('answers 404 off the callback path and 405 to other methods, keeps waiting, and stops when cancelled', async () => {
    const first = await call('connections.oauthStart', { platform: 'tiktok' });
    const start = await call('connections.oauthStart', { platform: 'tiktok' });
    // The newer attempt took the address over: the older one is no longer anyone's to cancel.
    expect(await call('connections.oauthCancel', { flowId: first.flowId })).toEqual({ canceled: false });
    const origin = new URL(redirectUri).origin;
    expect((await browser(`${origin}/favicon.ico`)).status).toBe(404);
    expect((await browser(`${origin}/`)).status).toBe(404);
    const post = await browser(`${redirectUri}?code=abc&state=${start.state}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    // Not a platform's answer (no code and state): told so, and the flow goes on.
    expect((await browser(redirectUri)).status).toBe(400);
    expect(completed).toEqual([]);

    expect(await call('connections.oauthCancel', { flowId: start.flowId })).toEqual({ canceled: true });
    await expect(browser(redirectUri)).rejects.toMatchObject(refusedConnection);
    expect(completed).toEqual([]);
  });

  it('falls back to paste-back when the port is taken', async () => {
    const squatter = createServer((_req, res) => res.end('someone else'));
    const { port } = new URL(redirectUri);
    await new Promise<void>((r) => squatter.listen(Number(port), '127.0.0.1', r));
    try {
      const start = await call('connections.oauthStart', { platform: 'tiktok' });
      expect(start).toMatchObject({ listening: false, redirectUri });
      const c = await call('connections.oauthFinish', platform.allow(new URL(start.authorizeUrl)));
      expect(c).toMatchObject({ platform: 'tiktok', displayName: 'Shop TW', status: 'active' });
      expect(completed).toEqual([]);
    } finally {
      await new Promise<void>((r) => squatter.close(() => r()));
    }
  });

  it('does not listen for a redirect address that is not a loopback one', async () => {
    const remote = new ConnectionService(studio.sync, studio.events, 'https://kingjam.example/oauth/callback');
    expect(await remote.startOAuth('tiktok')).toMatchObject({ listening: false, redirectUri: 'https://kingjam.example/oauth/callback' });
    for (const uri of ['http://localhost:53682/cb', 'https://127.0.0.1:53682/cb', 'http://10.0.0.2:53682/cb', 'http://127.0.0.1/cb', 'not a url']) expect(loopbackTarget(uri)).toBeNull();
    expect(loopbackTarget('http://127.0.0.1:53682/oauth/callback')).toEqual({ host: '127.0.0.1', port: 53682, path: '/oauth/callback' });
  });
});

describe('the redirect listener on its own', () => {
  it('gives up when the state expires', async () => {
    const uri = `http://127.0.0.1:${await freePort()}/cb`;
    let timedOut = false;
    const listener = await listenForRedirect(uri, { timeoutMs: 50, onCallback: () => Promise.reject(new Error('no callback expected')), onTimeout: () => (timedOut = true) });
    expect(listener).not.toBeNull();
    await expect.poll(() => timedOut).toBe(true);
    await expect(browser(`${uri}?code=a&state=${'s'.repeat(20)}`)).rejects.toMatchObject(refusedConnection);
  });

  it('picks the page language from Accept-Language', () => {
    expect(pageLanguage(undefined)).toBe('en');
    expect(pageLanguage('zh-TW,zh;q=0.9,en;q=0.8')).toBe('zh-TW');
    expect(pageLanguage('zh-Hant-HK')).toBe('zh-TW');
    expect(pageLanguage('zh-CN')).toBe('zh-CN');
    expect(pageLanguage('en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(pageLanguage('fr, de;q=0.7')).toBe('en');
    expect(pageLanguage('zh-TW;q=0, en')).toBe('en');
  });
});
