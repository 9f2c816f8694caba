import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { plainExchange } from '../src/node/plain-http.js';

/**
 * The workers' plain HTTP client (src/node/plain-http.ts) against loopback
 * servers: what reaches the server, what comes back, and fetch's rules it
 * follows (redirects, encodings, credentials, aborts).
 */

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const servers: http.Server[] = [];

/** A self-signed certificate for 127.0.0.1 (valid until 2126), made with openssl for this test. */
const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgnPzDDXQNk+FbPmE2
nBEo0FsuXOpc4i/5/iaQptUQUpChRANCAARMytzK1sPg0cfxMN7+/VIG354pJ9BL
MHb4jbxPZUiht+3mjySTu2U3Dx/WJRadYd/I/+DTfs/iFSnilUEIpFOI
-----END PRIVATE KEY-----`;
const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBjzCCATagAwIBAgIUAMNE+dPM8dmapdZAYDX+FPoAlU0wCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwNTE2MjgyOVoYDzIxMjYxMTEx
MTYyODI5WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARMytzK1sPg0cfxMN7+/VIG354pJ9BLMHb4jbxPZUiht+3mjySTu2U3
Dx/WJRadYd/I/+DTfs/iFSnilUEIpFOIo2QwYjAdBgNVHQ4EFgQUl3uVsU/D/HP1
Uq+BzA/B/XgSEfowHwYDVR0jBBgwFoAUl3uVsU/D/HP1Uq+BzA/B/XgSEfowDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0cAMEQC
ICuvlSzjSBwCM/ii4mRYg6NXLWeedjo554E6oWkqA4OWAiBTTUY3Gm9kQFIKmOVP
rEkXC72wnIZWj5mzWWcaKhBzlw==
-----END CERTIFICATE-----`;

async function serve(handle: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void): Promise<{ url: string; seen: Seen[]; connections: () => number }> {
  const seen: Seen[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handle(req, res, body);
    });
  });
  server.on('connection', () => (connections += 1));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, connections: () => connections };
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

describe('plainExchange', () => {
  it('sends a form as fetch does and reads the answer: status, headers, text', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-restli-id': 'urn:li:share:1', 'set-cookie': ['a=1', 'b=2'] });
      res.end('{"id":"1_2","text":"你好"}');
    });
    const answer = await plainExchange(`${s.url}/v21.0/1/feed?x=1`, { method: 'post', body: new URLSearchParams({ message: '新品 上市 & more', access_token: 't' }) });
    expect(answer.status).toBe(201);
    expect(answer.text).toBe('{"id":"1_2","text":"你好"}');
    expect(answer.headers.get('X-Restli-Id')).toBe('urn:li:share:1');
    expect(answer.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(answer.headers.get('etag')).toBeNull();
    const req = s.seen[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v21.0/1/feed?x=1');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(new URLSearchParams(req.body).get('message')).toBe('新品 上市 & more');
    expect(Number(req.headers['content-length'])).toBe(Buffer.byteLength(req.body));
  });

  it("keeps the caller's headers (any casing, Headers or a list) over its defaults, and sends bytes as they are", async () => {
    const s = await serve((_req, res) => res.end('ok'));
    await plainExchange(s.url, { method: 'PUT', headers: new Headers({ Authorization: 'Bearer x', 'Content-Type': 'application/octet-stream' }), body: new Uint8Array([0, 1, 2, 255]) });
    await plainExchange(s.url, { method: 'POST', headers: [['X-Line-Retry-Key', 'k1']], body: '{"a":1}' });
    expect(s.seen[0]!.headers.authorization).toBe('Bearer x');
    expect(s.seen[0]!.headers['content-type']).toBe('application/octet-stream');
    expect(Buffer.from(s.seen[0]!.body, 'utf8').length).toBeGreaterThan(0);
    expect(s.seen[0]!.headers['content-length']).toBe('4');
    expect(s.seen[1]!.headers['x-line-retry-key']).toBe('k1');
    expect(s.seen[1]!.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(s.seen[1]!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('reuses one kept-alive connection for calls one after another', async () => {
    const s = await serve((_req, res) => res.end('{}'));
    for (let i = 0; i < 25; i++) expect((await plainExchange(`${s.url}/n/${i}`)).status).toBe(200);
    expect(s.seen).toHaveLength(25);
    expect(s.connections()).toBe(1);
  });

  it('decodes gzip, br and deflate answers (zlib-wrapped and raw)', async () => {
    const text = JSON.stringify({ data: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `頁面 ${i}` })) });
    const bodies: Record<string, Buffer> = {
      gzip: zlib.gzipSync(text),
      br: zlib.brotliCompressSync(text),
      deflate: zlib.deflateSync(text),
      raw: zlib.deflateRawSync(text),
    };
    const s = await serve((req, res) => {
      const kind = req.url!.slice(1);
      res.writeHead(200, { 'content-encoding': kind === 'raw' ? 'deflate' : kind });
      res.end(bodies[kind]);
    });
    for (const kind of Object.keys(bodies)) expect((await plainExchange(`${s.url}/${kind}`)).text).toBe(text);
  });

  it('follows redirects as fetch does: 302 after a POST becomes a GET without the body, 307 repeats it', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/a') res.writeHead(302, { location: '/b' }).end();
      else if (req.url === '/c') res.writeHead(307, { location: '/d' }).end();
      else res.end(`${req.method} ${req.url}`);
    });
    const moved = await plainExchange(`${s.url}/a`, { method: 'POST', body: 'x=1' });
    expect(moved.text).toBe('GET /b');
    expect(moved.url).toBe(`${s.url}/b`);
    expect(s.seen[1]!.headers['content-type']).toBeUndefined();
    expect(s.seen[1]!.body).toBe('');
    expect((await plainExchange(`${s.url}/c`, { method: 'POST', body: 'x=2' })).text).toBe('POST /d');
    expect(s.seen[3]!.body).toBe('x=2');
  });

  it('drops credentials on a redirect to another origin and keeps them on the same origin', async () => {
    const other = await serve((_req, res) => res.end('there'));
    const s = await serve((req, res) => {
      if (req.url === '/same') res.writeHead(301, { location: '/here' }).end();
      else if (req.url === '/away') res.writeHead(302, { location: `${other.url}/x` }).end();
      else res.end('here');
    });
    const auth = { authorization: 'Bearer secret', cookie: 'sid=1' };
    await plainExchange(`${s.url}/same`, { headers: auth });
    expect(s.seen[1]!.headers.authorization).toBe('Bearer secret');
    await plainExchange(`${s.url}/away`, { headers: auth });
    expect(other.seen[0]!.headers.authorization).toBeUndefined();
    expect(other.seen[0]!.headers.cookie).toBeUndefined();
  });

  it('gives up after 20 redirects', async () => {
    const s = await serve((req, res) => res.writeHead(302, { location: `/r${Number(req.url!.slice(2) || 0) + 1}` }).end());
    await expect(plainExchange(`${s.url}/r0`)).rejects.toThrow(/redirect count exceeded/);
    expect(s.seen).toHaveLength(21);
  });

  it("rejects with the signal's reason when aborted while waiting, and the next call still works", async () => {
    const s = await serve((req, res) => {
      if (req.url === '/slow') setTimeout(() => res.end('late'), 2000);
      else res.end('fast');
    });
    const controller = new AbortController();
    const slow = plainExchange(`${s.url}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(new DOMException('The platform did not answer in time.', 'TimeoutError')), 50);
    await expect(slow).rejects.toMatchObject({ name: 'TimeoutError' });
    expect((await plainExchange(`${s.url}/fast`)).text).toBe('fast');
    const gone = new AbortController();
    gone.abort(new Error('canceled'));
    await expect(plainExchange(`${s.url}/fast`, { signal: gone.signal })).rejects.toThrow('canceled');
  });

  it('fails clearly on an answer cut short, a refused connection, a huge answer and an unknown scheme', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/cut') {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('partial');
        setTimeout(() => res.socket?.destroy(), 20);
      } else {
        res.writeHead(200);
        const chunk = Buffer.alloc(1024 * 1024, 97);
        for (let i = 0; i < 17; i++) res.write(chunk);
        res.end();
      }
    });
    await expect(plainExchange(`${s.url}/cut`)).rejects.toThrow();
    await expect(plainExchange(`${s.url}/huge`)).rejects.toThrow(/answered more than/);
    const closed = await serve(() => undefined);
    const port = new URL(closed.url).port;
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    await expect(plainExchange(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ECONNREFUSED/);
    await expect(plainExchange('ftp://127.0.0.1/x')).rejects.toThrow(/ftp: addresses are not fetched/);
  });

  it('verifies TLS: an https server whose certificate no trusted authority signed is refused; trusted, it answers', async () => {
    const server = https.createServer({ key: TLS_KEY, cert: TLS_CERT }, (_req, res) => res.end('secure'));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await expect(plainExchange(url)).rejects.toThrow(/self.signed|certificate/i);
    // The same call from a process that trusts the certificate (NODE_EXTRA_CA_CERTS is read at start).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-tls-'));
    fs.writeFileSync(path.join(dir, 'ca.pem'), TLS_CERT);
    const module = path.resolve(import.meta.dirname, '../src/node/plain-http.ts');
    const script = `const { plainExchange } = await import(${JSON.stringify(module)}); const a = await plainExchange(${JSON.stringify(url)}); console.log(a.status + ' ' + a.text);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem') } });
    expect(stdout.trim()).toBe('200 secure');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
