import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../src/main/bridge/server.js';
import type { Studio } from '../src/main/studio.js';
import type { AssetView, ImportOutcome } from '../src/shared/library.js';
import { connectEvents, startTestBridge } from './helpers/bridge.js';
import { makePng } from './helpers/media.js';
import { tempHome, until } from './helpers/studio.js';

/** §2.9: the token only in the Authorization header or the WebSocket's first message / subprotocol; Origin checked; media by cookie. */
let studio: Studio;
let bridge: Bridge;
let base: string;

let close: () => Promise<void>;

beforeAll(async () => {
  ({ studio, bridge, base, close } = await startTestBridge());
});
afterAll(() => close());

const bearer = () => ({ Authorization: `Bearer ${bridge.token}` });

/** A raw request, so Origin and Cookie are exactly what a test says (fetch sets its own). */
function request(method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: bridge.port, method, path: pathname, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function importedAsset(): Promise<AssetView> {
  const png = await makePng(path.join(studio.paths.home, 'auth.png'), 64, 48);
  const res = await request('POST', '/api/library.import', { ...bearer(), 'Content-Type': 'application/json' }, JSON.stringify({ paths: [png] }));
  const [outcome] = JSON.parse(res.body) as ImportOutcome[];
  return until(async () => {
    const asset = studio.library.get(outcome!.assetId!);
    return asset.status === 'ready' ? asset : null;
  }, 'the probe');
}

describe('the bridge token', () => {
  it('is refused in the URL query (401) for API calls, uploads and media', async () => {
    const q = `?token=${bridge.token}`;
    expect((await request('POST', `/api/app.info${q}`, { 'Content-Type': 'application/json' }, '{}')).status).toBe(401);
    expect((await request('POST', `/upload${q}`, { 'X-File-Name': 'a.png' }, 'x')).status).toBe(401);
    expect((await request('GET', `/media/anything.png${q}`)).status).toBe(401);
    expect(await connectEvents(bridge.port, bridge.token, 'none', { query: q })).toMatchObject({ opened: false, closeCode: 4401 });
  });

  it('is taken from the Authorization header', async () => {
    const res = await request('POST', '/api/app.info', { ...bearer(), 'Content-Type': 'application/json' }, '{}');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ shell: 'web' });
  });

  it('opens the event socket by the first message or by the subprotocol, and refuses a wrong one', async () => {
    const byMessage = await connectEvents(bridge.port, bridge.token, 'message');
    expect(byMessage).toMatchObject({ opened: true, first: { type: 'ready' } });
    const byProtocol = await connectEvents(bridge.port, bridge.token, 'protocol');
    expect(byProtocol).toMatchObject({ opened: true, first: { type: 'ready' } });
    if (byProtocol.opened) expect(byProtocol.ws.protocol).toBe('kingjam.events');

    // Both sockets receive what happens next.
    const heard = [byMessage, byProtocol].map(
      (o) => new Promise<unknown>((resolve) => (o.opened ? o.ws.once('message', (d) => resolve(JSON.parse(String(d)))) : resolve(null))),
    );
    await request('POST', '/api/settings.update', { ...bearer(), 'Content-Type': 'application/json' }, JSON.stringify({ language: 'en' }));
    for (const message of await Promise.all(heard)) expect(message).toMatchObject({ event: 'settings.changed' });
    for (const o of [byMessage, byProtocol]) if (o.opened) o.ws.close();

    expect(await connectEvents(bridge.port, 'f'.repeat(48), 'message')).toMatchObject({ opened: false, closeCode: 4401 });
    expect(await connectEvents(bridge.port, 'f'.repeat(48), 'protocol')).toMatchObject({ opened: false, status: 401 });
  });
});

describe('Origin', () => {
  it('refuses a foreign Origin on HTTP (403), even with the right token, and takes the page’s own or none', async () => {
    const json = { ...bearer(), 'Content-Type': 'application/json' };
    expect((await request('POST', '/api/app.info', { ...json, Origin: 'http://evil.example' }, '{}')).status).toBe(403);
    expect((await request('POST', '/api/app.info', { ...json, Origin: 'null' }, '{}')).status).toBe(403);
    expect((await request('POST', '/api/app.info', { ...json, Origin: `http://127.0.0.1:${bridge.port + 1}` }, '{}')).status).toBe(403);
    expect((await request('GET', '/', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await request('GET', '/media/x.png', { ...bearer(), Origin: 'http://evil.example' })).status).toBe(403);
    expect((await request('POST', '/api/app.info', { ...json, Origin: base }, '{}')).status).toBe(200);
    expect((await request('POST', '/api/app.info', { ...json, Origin: `http://localhost:${bridge.port}` }, '{}')).status).toBe(200);
    expect((await request('POST', '/api/app.info', json, '{}')).status).toBe(200);
  });

  it('refuses a foreign Origin on the WebSocket upgrade (403)', async () => {
    expect(await connectEvents(bridge.port, bridge.token, 'protocol', { origin: 'http://evil.example' })).toMatchObject({ opened: false, status: 403 });
    expect(await connectEvents(bridge.port, bridge.token, 'message', { origin: 'http://evil.example' })).toMatchObject({ opened: false, status: 403 });
    const own = await connectEvents(bridge.port, bridge.token, 'message', { origin: base });
    expect(own).toMatchObject({ opened: true });
    if (own.opened) own.ws.close();
  });
});

describe('media for <img> and <video>', () => {
  it('are opened by the HttpOnly, SameSite=Strict cookie an authenticated call sets, which is not the token', async () => {
    const asset = await importedAsset();
    const call = await request('POST', '/api/app.info', { ...bearer(), 'Content-Type': 'application/json' }, '{}');
    const setCookie = call.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(new RegExp(`^kingjam_media_${bridge.port}=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=/media/$`));
    expect(setCookie).not.toContain(bridge.token);
    const cookie = setCookie.split(';')[0]!;

    const withCookie = await request('GET', `/media/${asset.thumb}`, { Cookie: cookie });
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers['content-type']).toBe('image/webp');
    expect((await request('GET', `/media/${asset.thumb}`)).status).toBe(401);
    // Another last digit (not always 0: the value may end in 0 already).
    expect((await request('GET', `/media/${asset.thumb}`, { Cookie: `${cookie.slice(0, -1)}${cookie.endsWith('0') ? '1' : '0'}` })).status).toBe(401);
    expect((await request('GET', `/media/${asset.thumb}`, { Cookie: cookie.replace(String(bridge.port), '1') })).status).toBe(401);
    // The cookie opens media only: not the API.
    expect((await request('POST', '/api/app.info', { Cookie: cookie, 'Content-Type': 'application/json' }, '{}')).status).toBe(401);
    // Once the browser has it, calls stop setting it again.
    const again = await request('POST', '/api/app.info', { ...bearer(), Cookie: cookie, 'Content-Type': 'application/json' }, '{}');
    expect(again.headers['set-cookie']).toBeUndefined();
  });
});

describe('`kingjam serve` output', () => {
  it('carries the token only in the printed #token= URL, never in what it logs while it runs', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const home = tempHome('kingjam-serve-');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main/cli/main.ts'), 'serve', '--port', '0'], {
      cwd: root,
      // English lines: this test reads the serve log for its stop hint (a fresh studio speaks zh-TW).
      env: { ...process.env, KINGJAM_HOME: home, KINGJAM_LANGUAGE: 'en' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    let token = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (log += c));
    const lines = createInterface({ input: child.stdout });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${log}`)));
      });
      lines.on('line', (l) => (log += `${l}\n`));
      const url = new URL(first);
      token = new URLSearchParams(url.hash.slice(1)).get('token')!;
      expect(token).toMatch(/^[0-9a-f]{48}$/);
      expect(url.search).toBe('');
      const port = Number(url.port);
      const at = (p: string) => `http://127.0.0.1:${port}${p}`;
      // What a session does, right and wrong: calls, a bad call, a refused token, sockets, missing media.
      const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      await fetch(at('/api/app.info'), { method: 'POST', headers: auth, body: '{}' });
      await fetch(at('/api/timeline.open'), { method: 'POST', headers: auth, body: JSON.stringify({ path: '/dev/zero' }) });
      await fetch(at('/api/library.list'), { method: 'POST', headers: auth, body: '{oops' });
      await fetch(at(`/api/app.info?token=${token}`), { method: 'POST', body: '{}' });
      await fetch(at(`/media/none.png?token=${token}`));
      const ws = await connectEvents(port, token, 'message');
      if (ws.opened) ws.ws.close();
      await connectEvents(port, token, 'none', { query: `?token=${token}` });
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(log).toContain('Press Ctrl+C to stop.');
    expect(token).not.toBe('');
    expect(log).not.toContain(token);
    fs.rmSync(home, { recursive: true, force: true });
  }, 60_000);
});
