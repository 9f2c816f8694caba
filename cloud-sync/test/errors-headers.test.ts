import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer } from './support/http.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describeEachDb('error format and response headers (issue 11 §2.11)', (kind) => {
  let s: TestServer;
  let u: Session;
  let admin: Session;
  beforeAll(async () => {
    s = await startServer(kind);
    u = await s.register();
    admin = await s.admin();
  });
  afterAll(async () => s?.close());

  /** A request written by hand (what fetch refuses to send). */
  const raw = (text: string) =>
    new Promise<string>((resolve) => {
      const c = net.connect(Number(new URL(s.base).port), '127.0.0.1', () => c.write(text));
      let got = '';
      c.on('data', (d: Buffer) => (got += d.toString()));
      c.on('close', () => resolve(got));
    });
  const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as unknown;

  it('answers unknown routes, bad URLs and malformed requests in the documented error format, with nosniff', async () => {
    const unknown = await fetch(`${s.base}/v1/nothing-here?x=1`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await unknown.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route GET /v1/nothing-here' } });
    // An unknown route with a body that is not JSON is still "no such route".
    const withBody = await fetch(`${s.base}/v1/nothing-here`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect([withBody.status, await withBody.json()]).toEqual([404, { error: { code: 'NOT_FOUND', message: 'no route POST /v1/nothing-here' } }]);
    const badUrl = await raw('GET /v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(badUrl).toMatch(/^HTTP\/1\.1 400/);
    expect(badUrl.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(bodyOf(badUrl)).toEqual({ error: { code: 'BAD_REQUEST', message: 'the request URL is not valid' } });
    const malformed = await raw('GET /v1/plans HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n');
    expect(malformed).toMatch(/^HTTP\/1\.1 400/);
    expect(bodyOf(malformed)).toEqual({ error: { code: 'BAD_REQUEST', message: 'malformed HTTP request' } });
  });

  it('marks every API answer nosniff, and signed-in answers and tokens no-store', async () => {
    const health = await fetch(`${s.base}/healthz`);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    for (const [path, token] of [
      ['/v1/ledger/balance', u.token],
      ['/v1/plans', u.token],
      ['/v1/ledger/balance', 'not-a-token'],
    ] as const) {
      const r = await fetch(`${s.base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect([path, r.headers.get('x-content-type-options'), r.headers.get('cache-control')]).toEqual([path, 'nosniff', 'no-store']);
    }
    const login = await fetch(`${s.base}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: u.email, password: u.password }) });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
  });

  it('serves an identity document to the admin as an attachment with a safe file name', async () => {
    const up = await fetch(`${s.base}/v1/verification/identity/document`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${u.token}` }, body: PNG });
    const { document_id } = (await up.json()) as { document_id: string };
    const sub = await s.call<{ id: string }>('POST', '/v1/verification/identity', { national_id: 'A123456789', full_name: '王小明', document_id }, u.token);
    expect(sub.status).toBe(201);
    const file = await fetch(`${s.base}/v1/admin/verifications/${sub.body.id}/document`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="identity-document-${sub.body.id}.png"`);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
  });
});
