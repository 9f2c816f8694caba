import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../src/main/bridge/server.js';
import type { Studio } from '../src/main/studio.js';
import type { AssetView, ImportOutcome } from '../src/shared/library.js';
import type { JobView } from '../src/shared/jobs/model.js';
import { connectEvents, eventSocket, startTestBridge } from './helpers/bridge.js';
import { makePng } from './helpers/media.js';
import { tempHome, until } from './helpers/studio.js';

let studio: Studio;
let bridge: Bridge;
let base: string;

let close: () => Promise<void>;

beforeAll(async () => {
  ({ studio, bridge, base, close } = await startTestBridge());
});
afterAll(() => close());

function api(name: string, body: unknown, token: string | null = bridge.token) {
  return fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

/** fetch() normalises paths and sets Host itself; raw requests test what a hostile client can send. */
function rawGet(pathname: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: bridge.port, path: pathname, headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('web bridge', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/#token=${bridge.token}`);
    expect(bridge.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('refuses every API, upload, media and event request without the token', async () => {
    expect((await api('app.info', {}, null)).status).toBe(401);
    expect((await api('app.info', {}, 'wrong-token')).status).toBe(401);
    expect((await fetch(`${base}/upload`, { method: 'POST', body: 'x' })).status).toBe(401);
    expect(await rawGet('/media/anything.png')).toBe(401);
    expect(await connectEvents(bridge.port, 'wrong-token', 'message')).toMatchObject({ opened: false, closeCode: 4401 });
    expect(await connectEvents(bridge.port, 'wrong-token', 'protocol')).toMatchObject({ opened: false, status: 401 });
  });

  it('answers calls, 404 for an unknown call and 400 naming the bad field', async () => {
    const info = await api('app.info', {});
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ shell: 'web', dataDir: studio.paths.home });
    const unknown = await api('library.explode', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const bad = await api('library.list', { limit: 5000 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_INPUT', field: 'limit' } });
    const notJson = await fetch(`${base}/api/app.info`, { method: 'POST', headers: { Authorization: `Bearer ${bridge.token}` }, body: '{oops' });
    expect(notJson.status).toBe(400);
  });

  it('uploads, imports, pushes events over the WebSocket and serves the thumbnail', async () => {
    const events: { event: string; payload: { status?: string } }[] = [];
    const ws = await eventSocket(bridge.port, bridge.token);
    ws.on('message', (m) => events.push(JSON.parse(String(m)) as (typeof events)[number]));

    const png = await makePng(path.join(tempHome(), 'up.png'), 120, 90);
    const upload = await fetch(`${base}/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}`, 'X-File-Name': encodeURIComponent('上傳 photo.png') },
      body: fs.readFileSync(png),
    });
    expect(upload.status).toBe(200);
    const { path: staged } = (await upload.json()) as { path: string };
    expect(path.basename(staged)).toBe('上傳 photo.png');
    expect(staged.startsWith(studio.paths.staging)).toBe(true);

    const imported = (await (await api('library.import', { paths: [staged] })).json()) as ImportOutcome[];
    expect(imported[0]?.status).toBe('added');
    expect(fs.existsSync(staged)).toBe(false); // the staged copy is gone once the library has it
    await until(() => events.some((e) => e.event === 'job.updated' && e.payload.status === 'succeeded'), 'job.updated event');
    expect(events.some((e) => e.event === 'library.changed')).toBe(true);
    const job = (await (await api('jobs.get', { id: imported[0]!.jobId })).json()) as JobView;
    expect(job.status).toBe('succeeded');

    const asset = (await (await api('library.get', { id: imported[0]!.assetId })).json()) as AssetView;
    const thumb = await fetch(`${base}/media/${asset.thumb}`, { headers: { Authorization: `Bearer ${bridge.token}` } });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const original = await fetch(`${base}/media/${asset.file}`, { headers: { Authorization: `Bearer ${bridge.token}`, Range: 'bytes=0-7' } });
    expect(original.status).toBe(206);
    expect(Buffer.from(await original.arrayBuffer())).toEqual(fs.readFileSync(png).subarray(0, 8));
    ws.close();
  });

  it('refuses paths outside the media library with 403', async () => {
    fs.writeFileSync(path.join(studio.paths.home, 'secret.txt'), 'no');
    const t = { Authorization: `Bearer ${bridge.token}` };
    expect(await rawGet('/media/../studio.sqlite', t)).toBe(403);
    expect(await rawGet('/media/..%2fsecret.txt', t)).toBe(403);
    expect(await rawGet('/media/%2e%2e%2fsecret.txt', t)).toBe(403);
    expect(await rawGet('/media/%2Fetc%2Fpasswd', t)).toBe(403);
    fs.symlinkSync(path.join(studio.paths.home, 'secret.txt'), path.join(studio.paths.library, 'link.txt'));
    expect(await rawGet('/media/link.txt', t)).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding) and serves the page with a strict CSP', async () => {
    expect(await rawGet('/', { Host: `evil.example:${bridge.port}` })).toBe(403);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
  });
});
