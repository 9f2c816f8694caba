import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IDEMPOTENCY_HEADER } from '../../src/shared/gateway.js';
import { GeminiProvider } from '../../src/workers/generation/providers/gemini.js';
import { fakeSuite, FAST_RETRY, geminiAnswer, rejection, type Route, sendJson, waitFor } from './fake-server.js';

/**
 * What a check against the Gemini API's wire format found (issue 12): the
 * 429 delay in the body, stalled streams, one Idempotency-Key per logical
 * call, sampling parameters on models that refuse them, speech language codes.
 */

let route: Route = (_req, res) => sendJson(res, 500, {});

const suite = fakeSuite('kj-gemini-wire-', () => route);

function provider(extra: Partial<ConstructorParameters<typeof GeminiProvider>[0]> = {}): GeminiProvider {
  return new GeminiProvider({ apiKey: 'test-key', baseUrl: suite.fake.url, retry: FAST_RETRY, timeoutMs: 5000, pollIntervalMs: 20, ...extra });
}

/** Gemini's real 429: the wait is a google.rpc.RetryInfo in error.details, with no Retry-After header. */
function quota429(retryDelay: string): unknown {
  return {
    error: {
      code: 429,
      message: 'You exceeded your current quota, please check your plan and billing details.',
      status: 'RESOURCE_EXHAUSTED',
      details: [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
      ],
    },
  };
}

describe('Gemini 429 with RetryInfo in the body', () => {
  it('waits the retryDelay the body names, then succeeds', async () => {
    let n = 0;
    route = (req, res) => (n++ === 0 ? sendJson(res, 429, quota429('1.2s')) : sendJson(res, 200, geminiAnswer('ok')));
    const started = Date.now();
    const out = await provider().text.generateText({ prompt: 'x' });
    expect(out.text).toBe('ok');
    expect(suite.fake.seen).toHaveLength(2);
    // The backoff alone would be 20–25 ms (FAST_RETRY); the service asked for 1.2 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1150);
  });

  it('does not wait out a delay beyond the limit, and the error says how long to wait', async () => {
    route = (req, res) => sendJson(res, 429, quota429('17s'));
    const err = await rejection(provider({ retry: { ...FAST_RETRY, maxRetryAfterMs: 5000 } }).text.generateText({ prompt: 'x' }));
    expect(err.code).toBe('PROVIDER_QUOTA_EXCEEDED');
    expect(suite.fake.seen).toHaveLength(1);
    expect(err.message).toContain('17 s');
    expect(err.key).toBe('provider.quotaExceededWait');
    expect(err.params).toMatchObject({ seconds: 17 });
  });
});

describe('stalled streams', () => {
  it('a stream that sends one event and then stalls fails with the normal timeout within the deadline', async () => {
    route = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify(geminiAnswer('first '))}\r\n\r\n`);
      // …and then nothing, with the connection left open.
    };
    const started = Date.now();
    const stream = provider({ timeoutMs: 800 }).text.streamText({ prompt: 'long' });
    const deltas: string[] = [];
    const err = await rejection(
      (async () => {
        for await (const d of stream) deltas.push(d);
      })(),
    );
    expect(deltas).toEqual(['first ']);
    expect(err.code).toBe('PROVIDER_TIMEOUT');
    expect(err.key).toBe('provider.timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    // The connection to the service is closed, not left hanging.
    await waitFor(() => suite.fake.seen[0]?.aborted === true);
  });
});

describe('Idempotency-Key', () => {
  it('a retried POST carries the same key; a second call carries another', async () => {
    let n = 0;
    route = (req, res) => (n++ === 0 ? sendJson(res, 503, { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }) : sendJson(res, 200, geminiAnswer('ok')));
    await provider().text.generateText({ prompt: 'one' });
    await provider().text.generateText({ prompt: 'two' });
    const keys = suite.fake.seen.map((s) => s.headers[IDEMPOTENCY_HEADER]);
    expect(keys).toHaveLength(3);
    expect(typeof keys[0]).toBe('string');
    expect((keys[0] as string).length).toBeGreaterThanOrEqual(16);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('a GET (listing models) carries none', async () => {
    route = (req, res) => sendJson(res, 200, { models: [] });
    await provider().testConnection();
    expect(suite.fake.seen[0]?.method).toBe('GET');
    expect(suite.fake.seen[0]?.headers[IDEMPOTENCY_HEADER]).toBeUndefined();
  });
});

describe('sampling parameters', () => {
  it('are sent to a model that takes them and left out for one the catalogue marks noSampling', async () => {
    route = (req, res) => sendJson(res, 200, geminiAnswer('ok'));
    await provider().text.generateText({ prompt: 'x', model: 'gemini-3.5-flash', temperature: 0.4 });
    await provider().text.generateText({ prompt: 'x', model: 'gemini-3.6-flash', temperature: 0.4, maxOutputTokens: 100 });
    await provider().structured.generateObject({ prompt: 'x', model: 'gemini-pro-latest', temperature: 0.2, schema: z.object({ a: z.string() }), schemaName: 'A' }).catch(() => undefined);
    // A newer model the catalogue does not list yet is judged by its version.
    await provider().text.generateText({ prompt: 'x', model: 'gemini-3.9-flash', temperature: 0.4 });
    const configOf = (model: string) => suite.fake.seen.filter((r) => r.path.includes(`/models/${model}:`)).map((r) => (r.json as { generationConfig?: Record<string, unknown> }).generationConfig ?? {});
    expect(configOf('gemini-3.5-flash')).toEqual([expect.objectContaining({ temperature: 0.4 })]);
    expect(configOf('gemini-3.6-flash')).toEqual([expect.not.objectContaining({ temperature: expect.anything() as unknown })]);
    expect(configOf('gemini-3.6-flash')[0]).toMatchObject({ maxOutputTokens: 100 });
    const structured = configOf('gemini-pro-latest');
    expect(structured.length).toBeGreaterThanOrEqual(1);
    for (const c of structured) {
      expect(c).not.toHaveProperty('temperature');
      expect(c).toMatchObject({ responseMimeType: 'application/json' });
    }
    expect(configOf('gemini-3.9-flash')[0]).not.toHaveProperty('temperature');
  });
});

describe('speech language codes', () => {
  const pcm = Buffer.alloc(4800);
  const speech = { candidates: [{ content: { parts: [{ inlineData: { mimeType: 'audio/L16;codec=pcm;rate=24000', data: pcm.toString('base64') } }] }, finishReason: 'STOP' }] };

  it('sends the codes the speech API accepts, not the studio locale ids', async () => {
    route = (req, res) => sendJson(res, 200, speech);
    for (const language of ['zh-TW', 'zh-CN', 'en'] as const) await provider().speech.synthesize({ text: '你好', language, outPath: path.join(suite.dir, `${language}.wav`) });
    const sent = suite.fake.seen.map((s) => (s.json as { generationConfig: { speechConfig: { languageCode?: string; voiceConfig: { prebuiltVoiceConfig: { voiceName: string } } } } }).generationConfig.speechConfig);
    expect(sent.map((c) => c.languageCode)).toEqual(['cmn-CN', 'cmn-CN', 'en-US']);
    for (const c of sent) expect(c.voiceConfig.prebuiltVoiceConfig.voiceName).toMatch(/^[A-Z][a-z]+$/);
  });

  it('asks for a Taiwanese Mandarin reading of zh-TW text (the API has no Taiwan code)', async () => {
    route = (req, res) => sendJson(res, 200, speech);
    await provider().speech.synthesize({ text: '大家好', language: 'zh-TW', outPath: path.join(suite.dir, 'tw.wav') });
    await provider().speech.synthesize({ text: '大家好', language: 'zh-CN', outPath: path.join(suite.dir, 'cn.wav') });
    const texts = suite.fake.seen.map((s) => (s.json as { contents: { parts: { text: string }[] }[] }).contents[0]?.parts[0]?.text);
    expect(texts[0]).toContain('大家好');
    expect(texts[0]).toMatch(/台灣/);
    expect(texts[1]).toBe('大家好');
  });
});
