import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GeminiProvider } from '../../src/workers/generation/providers/gemini.js';
import { fakeSuite, FAST_RETRY, geminiAnswer, rejection, type Route, type Seen, sendJson, waitFor } from './fake-server.js';

/** The Gemini API wire format (providers.md), answered by a loopback server the real @google/genai client talks to. */

let route: Route = (_req, res) => sendJson(res, 500, {});

const suite = fakeSuite('kj-gemini-', () => route);

function provider(extra: Partial<ConstructorParameters<typeof GeminiProvider>[0]> = {}): GeminiProvider {
  return new GeminiProvider({ apiKey: 'test-key', baseUrl: suite.fake.url, retry: FAST_RETRY, timeoutMs: 5000, pollIntervalMs: 20, ...extra });
}

function geminiError(res: http.ServerResponse, code: number, status: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, code, { error: { code, message, status } }, headers);
}

describe('Gemini text', () => {
  it('generates text: path, key header, system instruction, usage', async () => {
    route = (req, res) => sendJson(res, 200, geminiAnswer('Hello from Gemini'));
    const out = await provider().text.generateText({ prompt: 'Say hello', system: 'Be brief', temperature: 0.3 });
    expect(out).toMatchObject({ provider: 'gemini', text: 'Hello from Gemini', usage: { inputTokens: 12, outputTokens: 7 }, draft: false });
    const [req] = suite.fake.seen as [Seen];
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1beta/models/gemini-3.6-flash:generateContent');
    expect(req.headers['x-goog-api-key']).toBe('test-key');
    expect(req.json).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: 'Say hello' }] }],
      systemInstruction: { parts: [{ text: 'Be brief' }] },
    });
    // The default Flash (3.6) refuses sampling parameters: the temperature asked for is not sent.
    expect(req.json).not.toHaveProperty('generationConfig.temperature');
  });

  it('streams deltas over SSE and ends with the whole text', async () => {
    route = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const piece of ['Once ', 'upon ', 'a time.']) res.write(`data: ${JSON.stringify(geminiAnswer(piece, piece === 'a time.' ? 'STOP' : ''))}\r\n\r\n`);
      res.end();
    };
    const stream = provider().text.streamText({ prompt: 'Tell a story', model: 'gemini-3.1-pro-preview' });
    const deltas: string[] = [];
    for await (const d of stream) deltas.push(d);
    expect(deltas).toEqual(['Once ', 'upon ', 'a time.']);
    const result = await stream.result();
    expect(result.text).toBe('Once upon a time.');
    expect(suite.fake.seen[0]?.path).toBe('/v1beta/models/gemini-3.1-pro-preview:streamGenerateContent?alt=sse');
  });

  it('waits out 429 Retry-After, then succeeds', async () => {
    let n = 0;
    route = (req, res) => (n++ === 0 ? geminiError(res, 429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', { 'retry-after': '1' }) : sendJson(res, 200, geminiAnswer('ok')));
    const started = Date.now();
    const out = await provider().text.generateText({ prompt: 'x' });
    expect(out.text).toBe('ok');
    expect(suite.fake.seen).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries a 500 and succeeds', async () => {
    let n = 0;
    route = (req, res) => (n++ === 0 ? geminiError(res, 500, 'INTERNAL', 'boom') : sendJson(res, 200, geminiAnswer('recovered')));
    expect((await provider().text.generateText({ prompt: 'x' })).text).toBe('recovered');
    expect(suite.fake.seen).toHaveLength(2);
  });

  it('gives up after 3 attempts with a quota error', async () => {
    route = (req, res) => geminiError(res, 429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota');
    const err = await rejection(provider().text.generateText({ prompt: 'x' }));
    expect(err.code).toBe('PROVIDER_QUOTA_EXCEEDED');
    expect(err.message).toContain('You exceeded your current quota');
    expect(err.retryable).toBe(true);
    expect(suite.fake.seen).toHaveLength(3);
  });

  it('does not wait out a Retry-After beyond the limit', async () => {
    route = (req, res) => geminiError(res, 429, 'RESOURCE_EXHAUSTED', 'Daily limit', { 'retry-after': '3600' });
    const err = await rejection(provider().text.generateText({ prompt: 'x' }));
    expect(err.code).toBe('PROVIDER_QUOTA_EXCEEDED');
    expect(err.message).toContain('60 min');
    expect(suite.fake.seen).toHaveLength(1);
  });

  it('maps a bad key, an unknown model and a timeout', async () => {
    route = (req, res) =>
      sendJson(res, 400, { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] } });
    const auth = await rejection(provider().text.generateText({ prompt: 'x' }));
    expect(auth.code).toBe('PROVIDER_AUTH_FAILED');
    expect(suite.fake.seen).toHaveLength(1);

    route = (req, res) => geminiError(res, 404, 'NOT_FOUND', 'models/gemini-9 is not found for API version v1beta');
    const missing = await rejection(provider().text.generateText({ prompt: 'x', model: 'gemini-9' }));
    expect(missing.code).toBe('MODEL_UNAVAILABLE');
    expect(missing.message).toContain('gemini-9');

    route = () => undefined; // never answers
    const started = Date.now();
    const slow = await rejection(provider({ timeoutMs: 300 }).text.generateText({ prompt: 'x' }));
    expect(slow.code).toBe('PROVIDER_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reports content filtering with the reason', async () => {
    route = (req, res) => sendJson(res, 200, { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 3 } });
    const blocked = await rejection(provider().text.generateText({ prompt: 'bad' }));
    expect(blocked.code).toBe('CONTENT_FILTERED');
    expect(blocked.message).toContain('PROHIBITED_CONTENT');

    route = (req, res) =>
      sendJson(res, 200, {
        candidates: [{ content: { parts: [{ text: '' }] }, finishReason: 'SAFETY', safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }] }],
      });
    const stopped = await rejection(provider().text.generateText({ prompt: 'bad' }));
    expect(stopped.code).toBe('CONTENT_FILTERED');
    expect(stopped.message).toContain('HARM_CATEGORY_DANGEROUS_CONTENT');
  });

  it('cancels a stream: the connection to the service is closed', async () => {
    route = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify(geminiAnswer('first '))}\n\n`);
      // …and never finishes.
    };
    const controller = new AbortController();
    const stream = provider().text.streamText({ prompt: 'long' }, { signal: controller.signal });
    const it = stream[Symbol.asyncIterator]();
    expect((await it.next()).value).toBe('first ');
    const pending = it.next();
    controller.abort();
    const err = await rejection(pending);
    expect(err.code).toBe('CANCELED');
    await waitFor(() => suite.fake.seen[0]?.aborted === true);
  });
});

describe('Gemini structured output', () => {
  const Scenes = z.object({ scenes: z.array(z.object({ narration: z.string().min(1), durationSec: z.number().min(1).max(15) })).min(1) });
  const good = JSON.stringify({ scenes: [{ narration: 'Sunrise over Taipei', durationSec: 5 }] });

  it('sends the JSON schema and validates the answer', async () => {
    route = (req, res) => sendJson(res, 200, geminiAnswer(good));
    const out = await provider().structured.generateObject({ prompt: 'Plan a video', schema: Scenes, schemaName: 'Scenes' });
    expect(out.value.scenes[0]?.narration).toBe('Sunrise over Taipei');
    expect(out.repaired).toBe(false);
    const config = (suite.fake.seen[0]?.json as { generationConfig: Record<string, unknown> }).generationConfig;
    expect(config.responseMimeType).toBe('application/json');
    expect(config.responseJsonSchema).toMatchObject({ type: 'object', properties: { scenes: { type: 'array', minItems: 1 } }, required: ['scenes'] });
    expect(config.responseJsonSchema).not.toHaveProperty('$schema');
  });

  it('repairs one invalid answer', async () => {
    let n = 0;
    route = (req, res) => sendJson(res, 200, geminiAnswer(n++ === 0 ? '{"scenes":[{"narration":"x","durationSec":99}]' : `\`\`\`json\n${good}\n\`\`\``));
    const out = await provider().structured.generateObject({ prompt: 'Plan a video', schema: Scenes, schemaName: 'Scenes' });
    expect(out.repaired).toBe(true);
    expect(out.value.scenes).toHaveLength(1);
    const second = suite.fake.seen[1]?.json as { contents: { parts: { text: string }[] }[] };
    expect(second.contents[0]?.parts[0]?.text).toContain('not a valid Scenes: not valid JSON');
  });

  it('fails clearly when the repair is invalid too', async () => {
    route = (req, res) => sendJson(res, 200, geminiAnswer('{"scenes":[{"narration":"","durationSec":99}]}'));
    const err = await rejection(provider().structured.generateObject({ prompt: 'Plan a video', schema: Scenes, schemaName: 'Scenes' }));
    expect(err.code).toBe('MODEL_OUTPUT_INVALID');
    expect(err.message).toContain('scenes.0.durationSec');
    expect(suite.fake.seen).toHaveLength(2);
  });
});

describe('Gemini Imagen, Veo and TTS', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

  it('draws with the catalogue\'s Gemini image models through generateContent, and reports a filtered one', async () => {
    route = (req, res) =>
      sendJson(res, 200, { candidates: [{ content: { parts: [{ text: 'Here it is' }, { inlineData: { mimeType: 'image/png', data: png.toString('base64') } }] }, finishReason: 'STOP' }] });
    const fine = await provider().image.generateImage({ prompt: 'a cat', aspectRatio: '4:5', quality: 'fine' });
    expect(fine.images[0]?.bytes.equals(png)).toBe(true);
    expect(fine.model).toBe('gemini-3-pro-image');
    await provider().image.generateImage({ prompt: 'a dog' });
    expect(suite.fake.seen.map((s) => s.path)).toEqual(['/v1beta/models/gemini-3-pro-image:generateContent', '/v1beta/models/gemini-3.1-flash-image:generateContent']);
    expect(suite.fake.seen[0]?.json).toMatchObject({ contents: [{ parts: [{ text: 'a cat' }] }], generationConfig: { responseModalities: ['IMAGE', 'TEXT'], imageConfig: { aspectRatio: '4:5' } } });

    route = (req, res) => sendJson(res, 200, { candidates: [{ content: { parts: [] }, finishReason: 'IMAGE_SAFETY' }] });
    const err = await rejection(provider().image.generateImage({ prompt: 'x' }));
    expect(err.code).toBe('CONTENT_FILTERED');
    expect(err.message).toContain('IMAGE_SAFETY');
  });

  it('still speaks Imagen\'s :predict for an Imagen id the catalogue does not know', async () => {
    route = (req, res) => sendJson(res, 200, { predictions: [{ raiFilteredReason: 'Your current safety filter threshold filtered out 1 image (child).' }] });
    const err = await rejection(provider().image.generateImage({ prompt: 'x', model: 'imagen-5.0-generate-001', aspectRatio: '4:5' }));
    expect(err.code).toBe('CONTENT_FILTERED');
    expect(err.message).toContain('safety filter threshold');
    expect(suite.fake.seen[0]?.path).toBe('/v1beta/models/imagen-5.0-generate-001:predict');
    expect(suite.fake.seen[0]?.json).toMatchObject({ instances: [{ prompt: 'x' }], parameters: { sampleCount: 1, aspectRatio: '3:4', outputOptions: { mimeType: 'image/png' } } });
  });

  it('polls a Veo operation and downloads the clip', async () => {
    const clip = Buffer.from('fake-mp4-bytes-'.repeat(100));
    let polls = 0;
    route = (req, res) => {
      if (req.path === '/v1beta/models/veo-3.1-fast-generate-preview:predictLongRunning') return sendJson(res, 200, { name: 'models/veo-3.1-fast-generate-preview/operations/op123' });
      if (req.path === '/v1beta/models/veo-3.1-fast-generate-preview/operations/op123') {
        polls++;
        if (polls < 3) return sendJson(res, 200, { name: 'models/veo-3.1-fast-generate-preview/operations/op123', done: false });
        return sendJson(res, 200, {
          name: 'models/veo-3.1-fast-generate-preview/operations/op123',
          done: true,
          response: { generateVideoResponse: { generatedSamples: [{ video: { uri: 'https://generativelanguage.googleapis.com/v1beta/files/abc123:download?alt=media' } }] } },
        });
      }
      if (req.path === '/v1beta/files/abc123:download?alt=media') {
        res.writeHead(200, { 'content-type': 'video/mp4' });
        return void res.end(clip);
      }
      sendJson(res, 404, { error: { code: 404, message: `no route ${req.path}`, status: 'NOT_FOUND' } });
    };
    const progress: number[] = [];
    const outPath = path.join(suite.dir, 'scene1.mp4');
    const out = await provider().video.generateVideo(
      { prompt: 'drone over mountains', aspectRatio: '9:16', resolution: '720p', image: { bytes: png, mimeType: 'image/png' }, outPath },
      { onProgress: (f) => progress.push(f) },
    );
    expect(out).toMatchObject({ kind: 'video', path: outPath, draft: false });
    expect(fs.readFileSync(outPath).equals(clip)).toBe(true);
    expect(fs.existsSync(`${outPath}.part`)).toBe(false);
    expect(polls).toBe(3);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(suite.fake.seen[0]?.json).toMatchObject({
      instances: [{ prompt: 'drone over mountains', image: { bytesBase64Encoded: png.toString('base64'), mimeType: 'image/png' } }],
      parameters: { aspectRatio: '9:16', resolution: '720p', sampleCount: 1 },
    });
  });

  it('stops polling Veo when canceled, and reports filtered clips', async () => {
    route = (req, res) =>
      req.path.includes('predictLongRunning')
        ? sendJson(res, 200, { name: 'models/veo-3.1-generate-preview/operations/op9' })
        : sendJson(res, 200, { name: 'models/veo-3.1-generate-preview/operations/op9', done: false });
    const controller = new AbortController();
    const pending = provider().video.generateVideo({ prompt: 'x', model: 'veo-3.1-generate-preview', outPath: path.join(suite.dir, 'c.mp4') }, { signal: controller.signal });
    await waitFor(() => suite.fake.seen.length >= 2);
    controller.abort();
    const err = await rejection(pending);
    expect(err.code).toBe('CANCELED');
    const count = suite.fake.seen.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(suite.fake.seen.length).toBe(count);

    route = (req, res) =>
      req.path.includes('predictLongRunning')
        ? sendJson(res, 200, { name: 'models/veo-3.1-generate-preview/operations/op10' })
        : sendJson(res, 200, { name: 'models/veo-3.1-generate-preview/operations/op10', done: true, response: { generateVideoResponse: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: ['The prompt mentions a celebrity.'] } } });
    const filtered = await rejection(provider().video.generateVideo({ prompt: 'x', outPath: path.join(suite.dir, 'd.mp4') }));
    expect(filtered.code).toBe('CONTENT_FILTERED');
    expect(filtered.message).toContain('celebrity');
  });

  it('synthesizes speech as WAV', async () => {
    const pcm = Buffer.alloc(24_000 * 2); // one second of silence, 16-bit mono
    route = (req, res) =>
      sendJson(res, 200, { candidates: [{ content: { parts: [{ inlineData: { mimeType: 'audio/L16;codec=pcm;rate=24000', data: pcm.toString('base64') } }] }, finishReason: 'STOP' }] });
    const outPath = path.join(suite.dir, 'voice.wav');
    const out = await provider().speech.synthesize({ text: '大家好', voice: 'Puck', outPath });
    expect(out.durationSec).toBeCloseTo(1, 5);
    const wav = fs.readFileSync(outPath);
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.readUInt32LE(24)).toBe(24_000);
    expect(suite.fake.seen[0]?.json).toMatchObject({ generationConfig: { responseModalities: ['AUDIO'], speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Puck' } } } } });
  });

  it('tests the connection by listing models: the catalogue checked against them, a missing model replaced by its tier\'s', async () => {
    const listed = ['gemini-3.6-flash', 'gemini-flash-latest', 'gemini-3.1-pro-preview', 'gemini-pro-latest', 'gemini-3.1-flash-image', 'veo-3.1-generate-preview'];
    route = (req, res) => sendJson(res, 200, { models: listed.map((id) => ({ name: `models/${id}`, supportedGenerationMethods: ['generateContent'] })) });
    const ok = await provider().testConnection();
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.models.find((m) => m.id === 'gemini-3.1-pro-preview')?.available).toBe(true);
      expect(ok.models.find((m) => m.id === 'gemini-3.5-flash')?.available).toBe(false);
      expect(ok.models.find((m) => m.id === 'veo-3.1-fast-generate-preview')?.available).toBe(false);
      // Retired models are not offered at all.
      expect(ok.models.some((m) => m.id.startsWith('gemini-2.5') || m.id.startsWith('imagen-4') || m.id.startsWith('veo-3.0'))).toBe(false);
      // Flash stands in for Flash (a pinned model before the moving alias); the fine image model and Veo Fast have no stand-in at their price.
      expect(ok.replaced).toEqual([{ from: 'gemini-3.5-flash', to: 'gemini-3.6-flash', reason: 'unavailable' }]);
      expect(ok.models.find((m) => m.id === 'gemini-3-pro-image')?.available).toBe(false);
    }
    expect(suite.fake.seen[0]?.path).toMatch(/^\/v1beta\/models\?pageSize=100/);

    route = (req, res) => geminiError(res, 403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers.');
    const bad = await provider().testConnection();
    expect(bad).toMatchObject({ ok: false, error: { code: 'PROVIDER_AUTH_FAILED' } });
  });
});
