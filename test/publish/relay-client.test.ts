import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, migrate, openDatabase, type App } from '../../cloud-sync/src/index.js';
import { RecordingMailer, registerAndVerifyAt } from '../../cloud-sync/test/support/mail.js';
import { PublishFailure } from '../../src/workers/publish/failure.js';
import { RELAY_SECRETS } from '../../src/shared/publish/relay.js';
import { deleteFromRelay, relayCredentialsFrom, uploadToRelay } from '../../src/workers/publish/relay-client.js';
import { tempHome } from '../helpers/studio.js';

/** The worker's relay client against the real cloud-sync relay routes (SQLite, in this process). */

const KiB = 1024;
const MAX = 256 * KiB;
const QUOTA = 600 * KiB;
const dir = tempHome('kingjam-relay-client-');
const mail = new RecordingMailer();
let app: App;
let relayUrl = '';
let token = '';
let unavailable: Server;
let unavailableUrl = '';

function file(name: string, head: number[], size: number): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, Buffer.concat([Buffer.from(head), randomBytes(size - head.length)]));
  return p;
}
const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const upload = (p: string, mime: string, over: Partial<{ relayUrl: string; token: string }> = {}) =>
  uploadToRelay({ relayUrl, token, path: p, mime, signal: new AbortController().signal, fetch: (i, init) => fetch(i, init), ...over });

async function refusal(p: Promise<unknown>): Promise<PublishFailure> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PublishFailure);
  const f = err as PublishFailure;
  const info = f.toInfo();
  // The access token never appears in what is shown or logged.
  expect(JSON.stringify(info)).not.toContain(token);
  return f;
}

beforeAll(async () => {
  const db = openDatabase(path.join(tempHome('kingjam-relay-cloud-'), 'cloud.db'));
  await migrate(db);
  app = await buildApp({ db, jwtSecret: randomBytes(32).toString('hex'), mailer: mail, publicUrl: () => relayUrl, relay: { dir: path.join(dir, 'store'), maxBytes: MAX, quotaBytes: QUOTA } });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  relayUrl = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
  token = (await registerAndVerifyAt(relayUrl, mail, { email: 'relay@example.com', password: 'correct horse battery staple' })).access_token;
  unavailable = createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '7' }).end(JSON.stringify({ error: { code: 'NOT_READY', message: 'database unreachable' } }));
  });
  await new Promise<void>((r) => unavailable.listen(0, '127.0.0.1', r));
  unavailableUrl = `http://127.0.0.1:${(unavailable.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.server.close();
  await new Promise((r) => unavailable?.close(r));
});

describe('uploadToRelay', () => {
  it('streams the file to the relay and answers its public address, which serves the same bytes until deleted', async () => {
    const p = file('photo.jpg', JPEG, 200 * KiB);
    const relayed = await upload(p, 'image/jpeg');
    expect(relayed.url).toMatch(new RegExp(`^${relayUrl}/m/[A-Za-z0-9_-]{43}$`));
    expect(relayed.expiresAt).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const got = await fetch(relayed.url);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await got.arrayBuffer()).equals(fs.readFileSync(p))).toBe(true);
    // The same file again is the same relayed file.
    expect((await upload(p, 'image/jpeg')).id).toBe(relayed.id);
    expect(await deleteFromRelay({ relayUrl, token, id: relayed.id, fetch })).toBe(true);
    expect((await fetch(relayed.url)).status).toBe(404);
  });

  it('reads its address and token from the job secrets; a job without them is disconnected', () => {
    expect(relayCredentialsFrom({ [RELAY_SECRETS.url]: relayUrl, [RELAY_SECRETS.token]: token })).toEqual({ relayUrl, token });
    let thrown: unknown = null;
    try {
      relayCredentialsFrom({ [RELAY_SECRETS.url]: relayUrl });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(PublishFailure);
    expect((thrown as PublishFailure).failure).toBe('disconnected');
  });

  it('a signed-out studio (401) is disconnected', async () => {
    const f = await refusal(upload(file('a.jpg', JPEG, 4 * KiB), 'image/jpeg', { token: 'expired.or.revoked' }));
    expect(f.failure).toBe('disconnected');
    expect(f.toInfo().key).toBe('publish.relay.signedOut');
  });

  it('a file that is not its type, or too large, is the post to change (bad-post)', async () => {
    const lie = await refusal(upload(file('b.jpg', PNG, 4 * KiB), 'image/jpeg'));
    expect(lie.failure).toBe('bad-post');
    expect(lie.toInfo()).toMatchObject({ key: 'publish.relay.wrongType', params: { name: 'b.jpg', type: 'image/jpeg' } });
    const big = await refusal(upload(file('c.png', PNG, MAX + 1), 'image/png'));
    expect(big.failure).toBe('bad-post');
    expect(big.toInfo()).toMatchObject({ key: 'publish.relay.tooLarge', params: { name: 'c.png', limit: '0.3' } });
    const missing = await refusal(upload(path.join(dir, 'gone.mp4'), 'video/mp4'));
    expect(missing.failure).toBe('bad-post');
    expect(missing.toInfo()).toMatchObject({ key: 'publish.relay.fileUnreadable', params: { name: 'gone.mp4', detail: 'ENOENT' } });
  });

  it('a full quota, the relay down and no network are retried', async () => {
    const kept = [await upload(file('q1.jpg', JPEG, 250 * KiB), 'image/jpeg'), await upload(file('q2.jpg', JPEG, 250 * KiB), 'image/jpeg')];
    const full = await refusal(upload(file('q3.jpg', JPEG, 250 * KiB), 'image/jpeg'));
    expect(full.failure).toBe('retry');
    expect(full.toInfo()).toMatchObject({ key: 'publish.relay.quotaFull', params: { used: '0.5', quota: '0.6' } });
    expect(full.toInfo().retryAfterMs).toBe(15 * 60_000);
    for (const k of kept) await deleteFromRelay({ relayUrl, token, id: k.id, fetch });

    const down = await refusal(upload(file('d.jpg', JPEG, 4 * KiB), 'image/jpeg', { relayUrl: unavailableUrl }));
    expect(down.failure).toBe('retry');
    expect(down.toInfo()).toMatchObject({ key: 'publish.relay.unavailable', params: { status: 503 }, retryAfterMs: 7000 });

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const nowhere = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    const offline = await refusal(upload(file('e.jpg', JPEG, 4 * KiB), 'image/jpeg', { relayUrl: nowhere }));
    expect(offline.failure).toBe('retry');
    expect(offline.toInfo().key).toBe('publish.relay.unreachable');
  });
});
