import type http from 'node:http';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { clipCredits, imageCredits, speechCredits, textChargeCredits, textHoldCredits, TEXT_OUTPUT_CAP } from '../../src/shared/call-prices.js';
import { readLedgerReason } from '../../src/shared/ledger-reasons.js';
import { sendJson, waitFor, type Seen } from '../../test/providers/fake-server.js';
import { buildApp } from '../src/app.js';
import { describeEachDb } from './support/db.js';
import { PLATFORM_KEY, startGateway, type GatewayHarness } from './support/gateway.js';
import { answer, FLASH, geminiError, model, pcm, PCM_RATE, PRO, rejected, sse, usage, VEO_FAST } from './support/gemini-wire.js';
import { call, JWT_SECRET, uuid } from './support/http.js';

/**
 * The Gemini routes of the gateway, driven by the real @google/genai client (with a generation
 * token as its key) against a loopback Gemini that speaks the real wire format.
 */

describeEachDb('gateway: Gemini through @google/genai', (kind) => {
  let g: GatewayHarness;
  beforeAll(async () => {
    g = await startGateway(kind, { deadlineMs: 1_500 });
  });
  afterAll(async () => {
    // Across every test of this file: no answer, header or log line carried the platform key.
    expect(g.exposure.texts.length).toBeGreaterThan(20);
    expect(g.exposure.contains(PLATFORM_KEY)).toBe(false);
    await g?.close();
  });
  beforeEach(() => {
    g.fake.seen.length = 0;
  });

  const signedIn = async (purpose: Parameters<GatewayHarness['genToken']>[1] = 'blog') => {
    const u = await g.s.register();
    return { u, ai: g.sdk(await g.genToken(u, purpose)) };
  };

  it('streams text as it arrives and charges its real token count', async () => {
    const { u, ai } = await signedIn();
    const before = await g.available(u);
    // The second event is sent only once the client has the first: a gateway that buffered would never finish.
    let clientHasFirst: () => void = () => undefined;
    const firstArrived = new Promise<void>((resolve) => (clientHasFirst = resolve));
    g.route = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify(answer('Once ', '', undefined))}\r\n\r\n`);
      void firstArrived.then(() => res.end(`data: ${JSON.stringify(answer('upon a time.', 'STOP'))}\r\n\r\n`));
    };
    const stream = await ai.models.generateContentStream({ model: PRO, contents: 'Tell a story' });
    let text = '';
    for await (const chunk of stream) {
      text += chunk.text ?? '';
      clientHasFirst();
    }
    expect(text).toBe('Once upon a time.');
    const [req] = g.fake.seen as [Seen];
    expect(req.path).toBe(`/v1beta/models/${PRO}:streamGenerateContent?alt=sse`);
    expect(req.headers['x-goog-api-key']).toBe(PLATFORM_KEY);
    const held = textHoldCredits(model(PRO), Buffer.byteLength('Tell a story'), TEXT_OUTPUT_CAP);
    const charge = textChargeCredits(model(PRO), { inputTokens: 1_200, outputTokens: 4_000 }, held);
    expect(charge).toBe(20);
    expect(before - (await g.available(u))).toBe(charge);
    const [call] = await g.calls(u);
    expect(call).toMatchObject({ status: 'succeeded', credits: charge, held, units: { input_tokens: 1_200, output_tokens: 4_000 } });
    // The credits history names it: purpose and model, read back for the user's language.
    const journal = (await g.ledgerOf(call!.id)).journal;
    expect(journal.map((j) => [j.kind, j.amount])).toEqual([
      ['hold', held],
      ['capture', charge],
    ]);
    expect(readLedgerReason(journal[0]!.reason!)).toEqual({ key: 'generation', params: { purpose: 'blog', model: 'Gemini 3.1 Pro' } });
  });

  it('answers text and structured output, capping the output so the hold is a real ceiling', async () => {
    const { u, ai } = await signedIn();
    const before = await g.available(u);
    g.route = (_req, res) => sendJson(res, 200, answer('{"title":"Hi"}'));
    const out = await ai.models.generateContent({ model: FLASH, contents: 'Title please', config: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { title: { type: 'STRING' } } } } });
    expect(out.text).toBe('{"title":"Hi"}');
    expect((g.fake.seen[0]!.json as { generationConfig: { maxOutputTokens: number } }).generationConfig.maxOutputTokens).toBe(TEXT_OUTPUT_CAP);
    const charge = textChargeCredits(model(FLASH), { inputTokens: 1_200, outputTokens: 4_000 }, 1_000);
    expect(before - (await g.available(u))).toBe(charge);
    // An asked ceiling below the cap is kept, and the hold follows it.
    await ai.models.generateContent({ model: FLASH, contents: 'Short', config: { maxOutputTokens: 100 } });
    expect((g.fake.seen[1]!.json as { generationConfig: { maxOutputTokens: number } }).generationConfig.maxOutputTokens).toBe(100);
    expect((await g.calls(u))[0]!.held).toBe(textHoldCredits(model(FLASH), 5, 100));
    // A model that refuses sampling parameters does not get them.
    await ai.models.generateContent({ model: 'gemini-3.6-flash', contents: 'x', config: { temperature: 0.4, topP: 0.9, topK: 20 } });
    expect((g.fake.seen[2]!.json as { generationConfig: Record<string, unknown> }).generationConfig).toEqual({ maxOutputTokens: TEXT_OUTPUT_CAP });
    expect((g.fake.seen[0]!.json as { generationConfig: Record<string, unknown> }).generationConfig).toMatchObject({ responseMimeType: 'application/json' });
  });

  it('charges an image model per image returned, and releases when none came back', async () => {
    const { u, ai } = await signedIn('image');
    const before = await g.available(u);
    const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
    g.route = (_req, res) => sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: png } }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 1290 } });
    const out = await ai.models.generateContent({ model: 'gemini-3.1-flash-image', contents: 'A cat', config: { responseModalities: ['IMAGE'] } });
    expect(out.candidates?.[0]?.content?.parts?.[0]?.inlineData?.data).toBe(png);
    expect(before - (await g.available(u))).toBe(imageCredits(model('gemini-3.1-flash-image'), 1));
    g.route = (_req, res) => sendJson(res, 200, answer('I cannot draw that.'));
    await ai.models.generateContent({ model: 'gemini-3.1-flash-image', contents: 'A dog', config: { responseModalities: ['IMAGE'] } });
    expect(before - (await g.available(u))).toBe(imageCredits(model('gemini-3.1-flash-image'), 1));
    const [none] = await g.calls(u);
    expect(none).toMatchObject({ status: 'released', credits: 0, error_code: 'GEN_NO_OUTPUT' });
    expect(await g.ledgerOf(none!.id)).toMatchObject({ hold: 'released' });
  });

  it('charges a Director scene still at the scene price (10), the same image for anything else at 15', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
    g.route = (_req, res) => sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: png } }] }, finishReason: 'STOP' }] });
    const scene = await signedIn('director-scene');
    const sceneBefore = await g.available(scene.u);
    await scene.ai.models.generateContent({ model: 'gemini-3.1-flash-image', contents: 'Scene 1: lanterns', config: { responseModalities: ['IMAGE'] } });
    expect(sceneBefore - (await g.available(scene.u))).toBe(10);
    const social = await signedIn('social');
    const socialBefore = await g.available(social.u);
    await social.ai.models.generateContent({ model: 'gemini-3.1-flash-image', contents: 'A post image', config: { responseModalities: ['IMAGE'] } });
    expect(socialBefore - (await g.available(social.u))).toBe(15);
  });

  it('charges speech per started minute from the PCM length and its sample rate', async () => {
    const { u, ai } = await signedIn('voice-over');
    const before = await g.available(u);
    g.route = (_req, res) =>
      sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ inlineData: { mimeType: `audio/L16;codec=pcm;rate=${PCM_RATE}`, data: pcm(75) } }] }, finishReason: 'STOP' }] });
    await ai.models.generateContent({
      model: 'gemini-3.1-flash-tts-preview',
      contents: 'word '.repeat(150),
      config: { responseModalities: ['AUDIO'], speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } } },
    });
    const tts = model('gemini-3.1-flash-tts-preview');
    expect(speechCredits(tts, 75)).toBe(10);
    expect(before - (await g.available(u))).toBe(10);
    expect((await g.calls(u))[0]).toMatchObject({ status: 'succeeded', units: { speech_seconds: 75 } });
  });

  it('releases the whole hold on an upstream 500, a timeout and filtered content (finishReason SAFETY, a blocked prompt)', async () => {
    const { u, ai } = await signedIn();
    const before = await g.available(u);
    g.route = (_req, res) => geminiError(res, 500, 'INTERNAL', 'backend error');
    const e500 = await rejected(ai.models.generateContent({ model: FLASH, contents: 'a' }));
    expect(e500.status).toBe(500);
    expect(e500.message).toContain('backend error');
    g.route = () => undefined; // never answers: the deadline cuts it
    const eTimeout = await rejected(ai.models.generateContent({ model: FLASH, contents: 'b' }));
    expect(eTimeout.status).toBe(504);
    g.route = (_req, res) => sendJson(res, 200, answer('', 'SAFETY'));
    const safety = await ai.models.generateContent({ model: FLASH, contents: 'c' });
    expect(safety.candidates?.[0]?.finishReason).toBe('SAFETY');
    g.route = (_req, res) => sendJson(res, 200, { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 4 } });
    const blocked = await ai.models.generateContent({ model: FLASH, contents: 'd' });
    expect(blocked.promptFeedback?.blockReason).toBe('PROHIBITED_CONTENT');
    g.route = (_req, res) => sse(res, [answer('partial ', '', undefined), answer('', 'SAFETY')]);
    for await (const chunk of await ai.models.generateContentStream({ model: FLASH, contents: 'e' })) void chunk;
    expect(await g.available(u)).toBe(before);
    const calls = await g.calls(u);
    expect(calls.map((c) => [c.status, c.error_code])).toEqual([
      ['released', 'GEN_FILTERED'],
      ['released', 'GEN_FILTERED'],
      ['released', 'GEN_FILTERED'],
      ['released', 'GEN_UPSTREAM_TIMEOUT'],
      ['released', 'GEN_UPSTREAM_ERROR'],
    ]);
    for (const c of calls) expect(await g.ledgerOf(c.id)).toMatchObject({ hold: 'released', journal: [{ kind: 'hold' }, { kind: 'release' }] });
  });

  it('cuts a stream that stops sending at the deadline, tells the client in the stream, and charges nothing', async () => {
    const { u, ai } = await signedIn();
    const before = await g.available(u);
    g.route = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify(answer('Once ', '', usage))}\r\n\r\n`); // then nothing, ever
    };
    const t0 = performance.now();
    const got: string[] = [];
    const err = await (async () => {
      for await (const c of await ai.models.generateContentStream({ model: FLASH, contents: 'stall' })) got.push(c.text ?? '');
    })().then(
      () => null,
      (e: unknown) => e as { status?: number; message: string },
    );
    expect(performance.now() - t0).toBeLessThan(4_000);
    expect(got).toEqual(['Once ']);
    expect(err?.status).toBe(504);
    expect(await g.available(u)).toBe(before);
    expect((await g.calls(u))[0]).toMatchObject({ status: 'released', error_code: 'GEN_UPSTREAM_TIMEOUT' });
  });

  it('a client leaving before any output (a stream or a plain call) aborts upstream and is not charged; leaving a stream after output pays for what was made', async () => {
    const { u, ai } = await signedIn();
    const before = await g.available(u);
    let upstreamRes: http.ServerResponse | null = null;
    g.route = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      upstreamRes = res;
    };
    const quit = new AbortController();
    const stream = ai.models.generateContentStream({ model: FLASH, contents: 'slow', config: { abortSignal: quit.signal } });
    await waitFor(() => upstreamRes !== null);
    quit.abort();
    await stream.then(
      async (s) => {
        for await (const c of s) void c;
      },
      () => undefined,
    ).catch(() => undefined);
    await waitFor(() => g.fake.seen[0]!.aborted);
    await waitFor(() => g.fake.seen.length === 1);
    let calls = await g.calls(u);
    for (let i = 0; i < 50 && calls[0]!.status === 'running'; i++) calls = await new Promise((r) => setTimeout(r, 20)).then(() => g.calls(u));
    expect(calls[0]).toMatchObject({ status: 'released', error_code: 'GEN_CLIENT_GONE', credits: 0 });
    expect(await g.available(u)).toBe(before);

    // The same for a plain call: the client gives up while upstream is still working.
    g.route = () => undefined;
    const quitPlain = new AbortController();
    const plain = ai.models.generateContent({ model: FLASH, contents: 'slow plain', config: { abortSignal: quitPlain.signal } }).catch(() => undefined);
    await waitFor(() => g.fake.seen.length === 2);
    quitPlain.abort();
    await plain;
    await waitFor(() => g.fake.seen[1]!.aborted);
    let plainCalls = await g.calls(u);
    for (let i = 0; i < 50 && plainCalls[0]!.status === 'running'; i++) plainCalls = await new Promise((r) => setTimeout(r, 20)).then(() => g.calls(u));
    expect(plainCalls[0]).toMatchObject({ status: 'released', error_code: 'GEN_CLIENT_GONE' });
    expect(await g.available(u)).toBe(before);
    g.fake.seen.length = 0;

    // Output first, then the client leaves: charged by the usage seen so far.
    upstreamRes = null;
    g.route = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify(answer('Hello', '', usage))}\r\n\r\n`);
      upstreamRes = res;
    };
    const quit2 = new AbortController();
    const s2 = await ai.models.generateContentStream({ model: FLASH, contents: 'slow', config: { abortSignal: quit2.signal } });
    const got: string[] = [];
    await (async () => {
      for await (const c of s2) {
        got.push(c.text ?? '');
        quit2.abort();
      }
    })().catch((e: unknown) => expect((e as Error).name).toBe('AbortError'));
    expect(got).toEqual(['Hello']);
    await waitFor(() => g.fake.seen[0]?.aborted === true);
    let paid = await g.calls(u);
    for (let i = 0; i < 50 && paid[0]!.status === 'running'; i++) paid = await new Promise((r) => setTimeout(r, 20)).then(() => g.calls(u));
    const charge = textChargeCredits(model(FLASH), { inputTokens: 1_200, outputTokens: 4_000 }, 1_000);
    expect(paid[0]).toMatchObject({ status: 'succeeded', credits: charge });
    expect(before - (await g.available(u))).toBe(charge);
  });

  it('a retried call with the same Idempotency-Key goes upstream once and is charged once; another body under that key is refused', async () => {
    const u = await g.s.register();
    const key = uuid();
    const ai = g.sdk(await g.genToken(u), { 'idempotency-key': key });
    const before = await g.available(u);
    g.route = (_req, res) => sendJson(res, 200, answer('once'));
    const a = await ai.models.generateContent({ model: FLASH, contents: 'same' });
    const b = await ai.models.generateContent({ model: FLASH, contents: 'same' });
    expect(a.text).toBe('once');
    expect(b.text).toBe('once');
    expect(g.fake.seen).toHaveLength(1);
    const charge = textChargeCredits(model(FLASH), { inputTokens: 1_200, outputTokens: 4_000 }, 1_000);
    expect(before - (await g.available(u))).toBe(charge);
    expect(await g.calls(u)).toHaveLength(1);
    const other = await rejected(ai.models.generateContent({ model: FLASH, contents: 'different' }));
    expect(other.status).toBe(422);
    expect(g.fake.seen).toHaveLength(1);
    // Still running: the retry waits instead of going upstream.
    let release: (() => void) | null = null;
    g.route = (_req, res) => {
      release = () => sendJson(res, 200, answer('slow'));
    };
    const key2 = uuid();
    const ai2 = g.sdk(await g.genToken(u), { 'idempotency-key': key2 });
    const first = ai2.models.generateContent({ model: FLASH, contents: 'slow one' });
    await waitFor(() => release !== null);
    const during = await g.s.call('POST', `/v1/gen/gemini/v1beta/models/${FLASH}:generateContent`, { contents: [{ parts: [{ text: 'slow one' }], role: 'user' }] }, await g.genToken(u), { 'idempotency-key': key2 });
    expect(during.status).toBe(409);
    expect(during.body).toMatchObject({ error: { code: 'GEN_IN_PROGRESS' } });
    release!();
    expect((await first).text).toBe('slow');
    expect(g.fake.seen).toHaveLength(2);
    // A first attempt that failed charged nothing and frees its key: the retry runs (and pays once).
    const key3 = uuid();
    const ai3 = g.sdk(await g.genToken(u), { 'idempotency-key': key3 });
    g.route = (_req, res) => geminiError(res, 503, 'UNAVAILABLE', 'overloaded');
    expect((await rejected(ai3.models.generateContent({ model: FLASH, contents: 'retry me' }))).status).toBe(503);
    g.route = (_req, res) => sendJson(res, 200, answer('second try'));
    const mid = await g.available(u);
    expect((await ai3.models.generateContent({ model: FLASH, contents: 'retry me' })).text).toBe('second try');
    expect((await ai3.models.generateContent({ model: FLASH, contents: 'retry me' })).text).toBe('second try');
    expect(g.fake.seen).toHaveLength(4);
    expect(mid - (await g.available(u))).toBe(charge);
  });

  it('after a restart lost the kept answer, a retry is told the call is done (409 GEN_ALREADY_DONE), never sent upstream again', async () => {
    const u = await g.s.register();
    const key = uuid();
    g.route = (_req, res) => sendJson(res, 200, answer('first'));
    const token = await g.genToken(u);
    expect((await g.sdk(token, { 'idempotency-key': key }).models.generateContent({ model: FLASH, contents: 'once' })).text).toBe('first');
    const restarted = await buildApp({ db: g.s.db, jwtSecret: JWT_SECRET, clock: g.s.clock, gateway: { geminiApiKey: PLATFORM_KEY, geminiBaseUrl: g.fake.url } });
    try {
      const base = (await restarted.server.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
      const retry = await call(base, 'POST', `/v1/gen/gemini/v1beta/models/${FLASH}:generateContent`, { contents: [{ parts: [{ text: 'once' }], role: 'user' }] }, token, { 'idempotency-key': key });
      g.exposure.record(retry.body);
      expect(retry.status).toBe(409);
      expect(retry.body).toMatchObject({ error: { code: 'GEN_ALREADY_DONE', details: { status: 'succeeded' } } });
      // A long-running call's answer is its operation name: the retry gets it again from the record.
      const veo = VEO_FAST;
      const veoKey = uuid();
      g.route = (_req, res) => sendJson(res, 200, { name: `models/${veo}/operations/op-restart` });
      const veoBody = { instances: [{ prompt: 'dawn' }], parameters: { durationSeconds: 8 } };
      const director = await g.genToken(await g.s.register(), 'director-scene');
      const first = await call(g.s.base, 'POST', `/v1/gen/gemini/v1beta/models/${veo}:predictLongRunning`, veoBody, director, { 'idempotency-key': veoKey });
      const again = await call(base, 'POST', `/v1/gen/gemini/v1beta/models/${veo}:predictLongRunning`, veoBody, director, { 'idempotency-key': veoKey });
      g.exposure.record(first.body, again.body);
      expect(first.body).toEqual({ name: `models/${veo}/operations/op-restart` });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
    } finally {
      await restarted.server.close();
    }
    expect(g.fake.seen).toHaveLength(2);
  });

  it('answers 403 for any other Gemini API path, nothing sent upstream', async () => {
    const u = await g.s.register();
    const token = await g.genToken(u);
    for (const [method, p] of [['POST', '/upload/v1beta/files'], ['GET', '/v1beta/cachedContents'], ['POST', '/v1beta/tunedModels']] as const) {
      const r = await g.s.call(method, `/v1/gen/gemini${p}`, method === 'POST' ? {} : undefined, token);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ error: { code: 'GEN_NOT_ALLOWED' } });
    }
    expect(g.fake.seen).toHaveLength(0);
  });

  it('402 with the balance and the price when the wallet is short, nothing sent upstream', async () => {
    const { u, ai } = await signedIn('director-scene');
    const err = await rejected(ai.models.generateVideos({ model: 'veo-3.1-generate-preview', prompt: 'A long shot' }));
    expect(err.status).toBe(402);
    const body = JSON.parse(err.message) as { error: { code: string; details: { balance: number; price: number } } };
    expect(body.error).toMatchObject({ code: 'INSUFFICIENT_CREDITS', details: { balance: 200, price: clipCredits(model('veo-3.1-generate-preview'), 8) } });
    expect(g.fake.seen).toHaveLength(0);
    expect(await g.available(u)).toBe(200);
  });

  it('refuses what is not on the allow-list (403) and retired models (410 naming the successor), rewriting a retired id whose successor speaks the same', async () => {
    const { u, ai } = await signedIn();
    const before = await g.available(u);
    expect((await rejected(ai.models.generateContent({ model: 'gemini-ultra-9', contents: 'x' }))).status).toBe(403);
    expect((await rejected(ai.models.generateContent({ model: 'veo-3.1-generate-preview', contents: 'x' }))).status).toBe(403);
    expect((await rejected(ai.models.embedContent({ model: FLASH, contents: 'x' }))).status).toBe(403);
    // Imagen answered :predict (the SDK no longer calls it on this API); its successor answers generateContent only.
    const imagen = await g.s.call('POST', '/v1/gen/gemini/v1beta/models/imagen-4.0-generate-001:predict', { instances: [{ prompt: 'x' }] }, undefined, { 'x-goog-api-key': await g.genToken(u) });
    expect(imagen.status).toBe(410);
    expect(imagen.body).toMatchObject({ error: { code: 'MODEL_RETIRED', details: { successor: 'gemini-3.1-flash-image' } } });
    expect(g.fake.seen).toHaveLength(0);
    expect(await g.available(u)).toBe(before);
    g.route = (_req, res) => sendJson(res, 200, answer('from the successor'));
    expect((await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'x' })).text).toBe('from the successor');
    expect(g.fake.seen[0]!.path).toBe('/v1beta/models/gemini-3.6-flash:generateContent');
  });

  it('lists the models the platform key can use, limited to those sold', async () => {
    const { ai } = await signedIn('connection-test');
    g.route = (_req, res) => sendJson(res, 200, { models: [{ name: `models/${FLASH}` }, { name: 'models/gemini-embedding-001' }, { name: 'models/gemini-2.5-flash' }] });
    const pager = await ai.models.list();
    const names: string[] = [];
    for await (const m of pager) names.push(m.name ?? '');
    expect(names).toEqual([`models/${FLASH}`]);
  });

  it('a streamed call refuses an upstream redirect (the key never follows it) and relays an upstream error redacted; neither is charged', async () => {
    const { u, ai } = await signedIn();
    const before = await g.available(u);
    g.route = (_req, res) => {
      res.writeHead(307, { location: 'http://127.0.0.1:9/elsewhere' });
      res.end();
    };
    const moved = await rejected(ai.models.generateContentStream({ model: FLASH, contents: 'x' }));
    expect(moved.status).toBe(502);
    expect(g.fake.seen).toHaveLength(1);
    g.route = (_req, res) => geminiError(res, 429, 'RESOURCE_EXHAUSTED', `quota of ${PLATFORM_KEY} exceeded`);
    const err = await rejected(ai.models.generateContentStream({ model: FLASH, contents: 'x' }));
    expect(err.status).toBe(429);
    expect(err.message).toContain('[redacted]');
    expect(err.message).not.toContain(PLATFORM_KEY);
    expect(await g.available(u)).toBe(before);
    const calls = await g.calls(u);
    expect(calls.map((c) => [c.status, c.error_code, c.credits])).toEqual([
      ['released', 'GEN_UPSTREAM_ERROR', 0],
      ['released', 'GEN_UPSTREAM_ERROR', 0],
    ]);
  });

  it('keeps an upstream error in Gemini’s shape with the platform key redacted', async () => {
    const { ai } = await signedIn();
    g.route = (_req, res) => geminiError(res, 400, 'INVALID_ARGUMENT', `API key ${PLATFORM_KEY} not valid for this request`);
    const err = await rejected(ai.models.generateContent({ model: FLASH, contents: 'x' }));
    expect(err.status).toBe(400);
    expect(err.message).toContain('INVALID_ARGUMENT');
    expect(err.message).toContain('[redacted]');
    expect(err.message).not.toContain(PLATFORM_KEY);
  });
});
