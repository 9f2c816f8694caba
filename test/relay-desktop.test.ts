import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, migrate, openDatabase, type App } from '../cloud-sync/src/index.js';
import { createHandlers, type Handlers } from '../src/main/api/handlers.js';
import { NodeWorkerSpawner } from '../src/main/jobs/node-transport.js';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import { Studio } from '../src/main/studio.js';
import { ConnectionService } from '../src/main/sync/connections.js';
import { accessTokenExpiry } from '../src/main/sync/service.js';
import { StudioError } from '../src/shared/errors.js';
import { uploadToRelay } from '../src/workers/publish/relay-client.js';
import { contractCalls } from './helpers/calls.js';
import { FAST_JOBS, tempHome } from './helpers/studio.js';

/**
 * The desktop's side of publishing's cloud parts, against a real cloud-sync
 * in this process: a LINE Official Account connected by its channel token
 * (LINE is a loopback fake speaking GET /v2/bot/info), a connection's token
 * renewed on request, and the relay credentials main hands a publishing job.
 */

const home = tempHome('kingjam-relay-desktop-');
const email = 'publisher@example.com';
const password = 'correct horse battery staple';
let app: App;
let cloudUrl = '';
let line: Server;
let studio: Studio;
let handlers: Handlers;
let skew = 0;
const lineTokens = new Map<string, { userId: string; basicId: string; displayName: string }>();
const { call, refused } = contractCalls(() => handlers);

beforeAll(async () => {
  line = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    const bot = lineTokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (req.url !== '/v2/bot/info') res.writeHead(404).end(JSON.stringify({ message: 'Not found' }));
    else if (!bot) res.writeHead(401).end(JSON.stringify({ message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' }));
    else res.end(JSON.stringify({ ...bot, chatMode: 'bot', markAsReadMode: 'auto' }));
  });
  await new Promise<void>((r) => line.listen(0, '127.0.0.1', r));
  const db = openDatabase(path.join(tempHome('kingjam-relay-desktop-cloud-'), 'cloud.db'));
  await migrate(db);
  app = await buildApp({
    db,
    jwtSecret: randomBytes(32).toString('hex'),
    publicUrl: () => cloudUrl,
    partners: { vault: { lineApiBase: `http://127.0.0.1:${(line.address() as AddressInfo).port}` } },
    relay: { dir: path.join(home, 'relay-store') },
  });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  cloudUrl = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
  const reg = await fetch(`${cloudUrl}/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(reg.status).toBe(202);
  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), jobConfig: FAST_JOBS, secrets, startJobs: false, sync: { defaultCloudUrl: cloudUrl, syncEveryMs: 3_600_000, now: () => Date.now() + skew } });
  handlers = createHandlers(studio, 'web');
});

afterAll(async () => {
  await studio?.close();
  await app?.server.close();
  await new Promise<void>((r) => (line ? line.close(() => r()) : r()));
});

describe('publishing from the desktop: LINE Official Accounts, token renewal, relay credentials', () => {
  it('the relay credentials need a signed-in studio', async () => {
    await expect(studio.sync.relayCredentials()).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('connects a LINE Official Account by its channel access token; a token LINE refuses is bad input, not a signed-out studio', async () => {
    await studio.sync.login({ email, password });
    const token = `line-${randomBytes(24).toString('base64url')}`;
    const wrong = await refused('connections.lineOa', { channelAccessToken: `${token}-wrong` });
    expect(wrong).toMatchObject({ code: 'BAD_INPUT', cloud: { code: 'PLATFORM_TOKEN_REFUSED' } });
    expect(studio.sync.view().signedIn).toBe(true);
    lineTokens.set(token, { userId: 'U1234567890abcdef1234567890abcdef', basicId: '@kingjam', displayName: 'KingJam' });
    const c = await call('connections.lineOa', { channelAccessToken: token });
    expect(c).toMatchObject({ platform: 'line-oa', accountId: 'U1234567890abcdef1234567890abcdef', displayName: 'KingJam (@kingjam)', status: 'active', expiresAt: null });
    expect(JSON.stringify(c)).not.toContain(token);
    expect(await call('connections.list', {})).toEqual([c]);
    expect(await refused('connections.lineOa', { channelAccessToken: 'short' })).toMatchObject({ code: 'BAD_INPUT' });

    // What the outbox asks once after "token expired": still valid, then revoked at LINE.
    const partners = new ConnectionService(studio.sync, studio.events);
    expect(await partners.refreshConnection(c.id)).toEqual({ connectionId: c.id, expiresAt: null });
    lineTokens.delete(token);
    const err = await partners.refreshConnection(c.id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StudioError);
    expect(err).toMatchObject({ code: 'CONFLICT', cloud: { code: 'NEEDS_RECONNECT' } });
    expect((await call('connections.list', {}))[0]).toMatchObject({ id: c.id, status: 'needs_reconnect' });
  });

  it('hands a publishing job the cloud address and an access token the relay accepts, renewed when it is about to expire', async () => {
    const first = await studio.sync.relayCredentials();
    expect(first.relayUrl).toBe(cloudUrl);
    const file = path.join(home, 'photo.png');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(4096)]));
    const relayed = await uploadToRelay({ relayUrl: first.relayUrl, token: first.token, path: file, mime: 'image/png', signal: new AbortController().signal, fetch });
    expect(relayed.url.startsWith(`${cloudUrl}/m/`)).toBe(true);
    expect(Buffer.from(await (await fetch(relayed.url)).arrayBuffer()).equals(fs.readFileSync(file))).toBe(true);
    // Plenty of life left: the same token.
    expect((await studio.sync.relayCredentials()).token).toBe(first.token);
    // Less than an hour left on the studio's clock: renewed first (a second later, so the new token's times differ).
    await new Promise((r) => setTimeout(r, 1100));
    skew = (accessTokenExpiry(first.token) ?? 0) - Date.now() - 30 * 60_000;
    const renewed = await studio.sync.relayCredentials();
    expect(renewed.token).not.toBe(first.token);
    expect(accessTokenExpiry(renewed.token)).toBeGreaterThan(accessTokenExpiry(first.token) ?? Infinity);
    skew = 0;
  });
});
