import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceTable } from '../../src/shared/call-prices.js';
import { sendJson, waitFor } from '../../test/providers/fake-server.js';
import { UpstreamGate } from '../src/gateway/limits.js';
import { ReplayCache } from '../src/gateway/replay.js';
import { describeEachDb } from './support/db.js';
import { PLATFORM_KEY, startGateway, type GatewayHarness } from './support/gateway.js';
import { uuid } from './support/http.js';

const textAnswer = (text: string) => ({
  candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
  usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
});

describe('gateway limits (no database)', () => {
  it('serves a priority caller queued after a non-priority one first when the cap is full', async () => {
    const gate = new UpstreamGate(1, 5_000);
    const order: string[] = [];
    const first = await gate.acquire(false);
    const free = gate.acquire(false).then((give) => (order.push('free'), give));
    const pro = gate.acquire(true).then((give) => (order.push('pro'), give));
    expect(gate.waiting).toBe(2);
    first();
    (await pro)();
    (await free)();
    expect(order).toEqual(['pro', 'free']);
    expect(gate.inFlight).toBe(0);
  });

  it('gives up a wait past its bound with 503 GEN_BUSY and a Retry-After', async () => {
    const gate = new UpstreamGate(1, 50);
    const held = await gate.acquire(false);
    await expect(gate.acquire(true)).rejects.toMatchObject({ status: 503, code: 'GEN_BUSY', details: { retry_after_seconds: 1 } });
    expect(gate.waiting).toBe(0);
    held();
  });

  it('keeps finished answers for their time and within their bytes', () => {
    const cache = new ReplayCache(1_000, 10);
    cache.put('a', { status: 200, contentType: 'x', body: Buffer.alloc(6) }, 0);
    cache.put('b', { status: 200, contentType: 'x', body: Buffer.alloc(6) }, 0);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)?.body.length).toBe(6);
    expect(cache.get('b', 1_000)).toBeUndefined();
  });
});

describeEachDb('gateway core', (kind) => {
  let g: GatewayHarness;
  beforeAll(async () => {
    g = await startGateway(kind);
  });
  afterAll(async () => {
    expect(g.exposure.contains(PLATFORM_KEY)).toBe(false);
    await g?.close();
  });

  it('issues generation tokens that open only the generation routes, and logout kills them', async () => {
    const u = await g.s.register();
    const gen = await g.genToken(u, 'blog', 'job-1');
    // A generation token is not an access token.
    const other = await g.s.call('GET', '/v1/ledger/balance', undefined, gen);
    expect(other.status).toBe(401);
    expect(other.body).toMatchObject({ error: { code: 'INVALID_TOKEN' } });
    expect((await g.s.call('POST', '/v1/gen/tokens', { purpose: 'blog' }, gen)).status).toBe(401);
    // An access token is not a generation token.
    g.route = (_req, res) => sendJson(res, 200, textAnswer('hi'));
    const refused = await g.s.call('POST', '/v1/gen/gemini/v1beta/models/gemini-3.5-flash:generateContent', { contents: [{ parts: [{ text: 'hi' }] }] }, undefined, { 'x-goog-api-key': u.token });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: { code: 'GEN_TOKEN_REQUIRED' } });
    expect(g.fake.seen).toHaveLength(0);
    // The generation token works there, as the Gemini SDK's key or as a Bearer token.
    const ok = await g.s.call('POST', '/v1/gen/gemini/v1beta/models/gemini-3.5-flash:generateContent', { contents: [{ parts: [{ text: 'hi' }] }] }, gen);
    expect(ok.status).toBe(200);
    // Signing out revokes the session's generation tokens too.
    expect((await g.s.call('POST', '/v1/auth/logout', { refresh_token: u.refresh }, u.token)).status).toBe(200);
    const after = await g.s.call('POST', '/v1/gen/gemini/v1beta/models/gemini-3.5-flash:generateContent', { contents: [{ parts: [{ text: 'hi' }] }] }, undefined, { 'x-goog-api-key': gen });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: { code: 'TOKEN_REVOKED' } });
    expect(g.fake.seen).toHaveLength(1);
    g.fake.seen.length = 0;
  });

  it('answers 503 GEN_NOT_CONFIGURED without a platform key, holding nothing', async () => {
    const bare = await startGateway(kind, { geminiApiKey: '' });
    try {
      const u = await bare.s.register();
      const t = await bare.genToken(u);
      for (const path of ['/v1/gen/gemini/v1beta/models/gemini-3.5-flash:generateContent', '/v1/gen/gemini/v1beta/models/gemini-3.5-flash:streamGenerateContent?alt=sse']) {
        const r = await bare.s.call('POST', path, { contents: [{ parts: [{ text: 'hi' }] }] }, t);
        expect(r.status).toBe(503);
        expect(r.body).toMatchObject({ error: { code: 'GEN_NOT_CONFIGURED' } });
      }
      expect((await bare.s.call('GET', '/v1/gen/gemini/v1beta/models', undefined, t)).status).toBe(503);
      expect(await bare.calls(u)).toEqual([]);
      expect(await bare.available(u)).toBe(200);
      expect(bare.fake.seen).toHaveLength(0);
    } finally {
      await bare.close();
    }
  });

  it('refuses a bad purpose and publishes the price table without signing in', async () => {
    const u = await g.s.register();
    expect((await g.s.call('POST', '/v1/gen/tokens', { purpose: 'mining' }, u.token)).status).toBe(400);
    const prices = await g.s.call('GET', '/v1/gen/prices');
    expect(prices.status).toBe(200);
    expect(prices.body).toEqual(JSON.parse(JSON.stringify(priceTable())));
  });

  it("lists the caller's own calls, newest first, by job, paged; the admin reports costs by model", async () => {
    const u = await g.s.register();
    const other = await g.s.register();
    g.route = (_req, res) => sendJson(res, 200, textAnswer('ok'));
    const a = await g.genToken(u, 'blog', 'job-a');
    const b = await g.genToken(u, 'social', 'job-b');
    for (const t of [a, a, b]) {
      const r = await g.s.call('POST', '/v1/gen/gemini/v1beta/models/gemini-3.5-flash:generateContent', { contents: [{ parts: [{ text: uuid() }] }] }, t);
      expect(r.status).toBe(200);
    }
    await g.s.call('POST', '/v1/gen/gemini/v1beta/models/gemini-3.5-flash:generateContent', { contents: [{ parts: [{ text: 'x' }] }] }, await g.genToken(other));
    const page1 = await g.s.call<{ calls: { id: string; purpose: string }[]; next_cursor: string | null }>('GET', '/v1/gen/calls?limit=2', undefined, u.token);
    expect(page1.body.calls).toHaveLength(2);
    expect(page1.body.next_cursor).not.toBeNull();
    const page2 = await g.s.call<{ calls: { id: string }[]; next_cursor: string | null }>('GET', `/v1/gen/calls?limit=2&cursor=${page1.body.next_cursor}`, undefined, u.token);
    expect(page2.body.calls).toHaveLength(1);
    expect(page2.body.next_cursor).toBeNull();
    const ids = new Set([...page1.body.calls, ...page2.body.calls].map((c) => c.id));
    expect(ids.size).toBe(3);
    const byJob = await g.s.call<{ calls: { purpose: string }[] }>('GET', '/v1/gen/calls?job_ref=job-b', undefined, u.token);
    expect(byJob.body.calls.map((c) => c.purpose)).toEqual(['social']);
    expect((await g.s.call('GET', '/v1/admin/gen/costs', undefined, u.token)).status).toBe(403);
    const admin = await g.s.admin();
    const report = await g.s.call<{ rows: { model: string; calls: number; succeeded: number; credits: number; units: { input_tokens?: number } }[] }>('GET', '/v1/admin/gen/costs', undefined, admin.token);
    expect(report.status).toBe(200);
    const flash = report.body.rows.find((r) => r.model === 'gemini-3.5-flash')!;
    expect(flash.calls).toBeGreaterThanOrEqual(4);
    expect(flash.credits).toBeGreaterThanOrEqual(4);
    expect(flash.units.input_tokens).toBeGreaterThanOrEqual(40);
    g.fake.seen.length = 0;
  });
});

describeEachDb('gateway limits', (kind) => {
  let g: GatewayHarness;
  let p: GatewayHarness;
  beforeAll(async () => {
    g = await startGateway(kind, { ratePerMinute: 3, concurrency: 1, queueWaitMs: 300 });
    p = await startGateway(kind, { concurrency: 1, queueWaitMs: 5_000 });
  });
  afterAll(async () => {
    expect(g.exposure.contains(PLATFORM_KEY) || p.exposure.contains(PLATFORM_KEY)).toBe(false);
    await g?.close();
    await p?.close();
  });
  // Through the recording fetch: these answers count as exposure too.
  const generate = (h: GatewayHarness, token: string, text = uuid()) =>
    h.exposure.fetch(`${h.s.base}/v1/gen/gemini/v1beta/models/gemini-3.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': token },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text }] }] }),
    });

  it('429 with Retry-After past the per-user rate, nothing sent upstream', async () => {
    const u = await g.s.register();
    const t = await g.genToken(u);
    g.route = (_req, res) => sendJson(res, 200, textAnswer('ok'));
    g.fake.seen.length = 0;
    for (let i = 0; i < 3; i++) expect((await generate(g, t)).status).toBe(200);
    const limited = await generate(g, t);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('x-kingjam-call-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect(g.fake.seen).toHaveLength(3);
    // Someone else is not limited by it.
    expect((await generate(g, await g.genToken(await g.s.register()))).status).toBe(200);
  });

  it('call ids are time-ordered (UUID v7), so the rows of a call go to the end of their indexes', async () => {
    const u = await g.s.register();
    const t = await g.genToken(u);
    g.route = (_req, res) => sendJson(res, 200, textAnswer('ok'));
    const first = (await generate(g, t)).headers.get('x-kingjam-call-id')!;
    await new Promise((r) => setTimeout(r, 3));
    const second = (await generate(g, t)).headers.get('x-kingjam-call-id')!;
    for (const id of [first, second]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second > first).toBe(true);
    expect(await g.ledgerOf(second)).toMatchObject({ hold: 'captured', journal: [{ kind: 'hold' }, { kind: 'capture' }] });
  });

  it('503 with Retry-After when the upstream key stays at its cap past the wait, the hold released', async () => {
    const a = await g.s.register();
    const b = await g.s.register();
    let answerFirst: (() => void) | null = null;
    g.route = (_req, res) => {
      answerFirst = () => sendJson(res, 200, textAnswer('slow'));
    };
    const first = generate(g, await g.genToken(a));
    await waitFor(() => answerFirst !== null);
    const busy = await generate(g, await g.genToken(b));
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    const callId = busy.headers.get('x-kingjam-call-id')!;
    expect(await g.ledgerOf(callId)).toMatchObject({ hold: 'released', journal: [{ kind: 'hold' }, { kind: 'release' }] });
    expect((await g.calls(b))[0]).toMatchObject({ status: 'released', error_code: 'GEN_BUSY' });
    expect(await g.available(b)).toBe(200);
    answerFirst!();
    expect((await first).status).toBe(200);
  });

  it('with the cap full, a Pro call queued after a Free call starts first', async () => {
    const first = await p.s.register();
    const free = await p.s.register();
    const pro = await p.s.register();
    await p.s.db.db.insertInto('subscriptions').values({ id: `sub_${uuid()}`, user_id: pro.id, plan: 'pro', status: 'active', current_period_end: null, updated_at: Date.now() }).execute();
    const tokens = { first: await p.genToken(first), free: await p.genToken(free), pro: await p.genToken(pro) };
    const pending: (() => void)[] = [];
    p.route = (_req, res) => {
      pending.push(() => sendJson(res, 200, textAnswer('ok')));
    };
    p.fake.seen.length = 0;
    const order = (): string[] => p.fake.seen.map((s) => (s.json as { contents: { parts: { text: string }[] }[] }).contents[0]!.parts[0]!.text);
    const a = generate(p, tokens.first, 'first');
    await waitFor(() => pending.length === 1);
    const b = generate(p, tokens.free, 'free');
    await waitFor(() => p.s.app.gateway.gates.gemini.waiting === 1);
    const c = generate(p, tokens.pro, 'pro');
    await waitFor(() => p.s.app.gateway.gates.gemini.waiting === 2);
    pending.shift()!();
    await waitFor(() => pending.length === 1);
    expect(order()).toEqual(['first', 'pro']);
    pending.shift()!();
    await waitFor(() => pending.length === 1);
    pending.shift()!();
    expect((await Promise.all([a, b, c])).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(order()).toEqual(['first', 'pro', 'free']);
  });
});
