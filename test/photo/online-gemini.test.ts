import type http from 'node:http';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PHOTO_SEEDS } from '../../src/shared/photo/limits.js';
import { COSTUME_PROMPTS } from '../../src/shared/photo/requests.js';
import { makeVariantOnline } from '../../src/workers/photo/online/variant.js';
import { withCallLimit } from '../../src/workers/photo/online/limits.js';
import { onlineProvider } from '../../src/workers/photo/online/providers.js';
import { fakeSuite, rejection, sendJson, type Seen } from '../providers/fake-server.js';
import { meanColour, near, photoContext, said, swatch } from './online-support.js';

/**
 * The Gemini image path of the photo studio through the real @google/genai SDK
 * against a loopback Gemini API (v1beta generateContent wire format): the
 * people and the background as inline image parts before one prompt, the seed
 * in generationConfig, the image back as an inline part.
 */

interface GenerateBody {
  contents: { role: string; parts: { text?: string; inlineData?: { mimeType: string; data: string } }[] }[];
  generationConfig?: { seed?: number; responseModalities?: string[]; imageConfig?: { aspectRatio?: string } };
}

/** What the fake does with the next image calls, in order; then it answers. */
let script: ('fail-500' | 'hang')[] = [];

async function answer(req: Seen, res: http.ServerResponse): Promise<void> {
  if (!/^\/v1beta\/models\/gemini-3\.1-flash-image:generateContent$/.test(req.path)) return sendJson(res, 404, { error: { code: 404, message: 'not found', status: 'NOT_FOUND' } });
  const next = script.shift();
  if (next === 'hang') return; // never answers: the client's limit must end it
  if (next === 'fail-500') return sendJson(res, 500, { error: { code: 500, message: 'An internal error has occurred.', status: 'INTERNAL' } });
  const body = req.json as GenerateBody;
  // The answer's colour tells the test which seed made it.
  const seed = body.generationConfig?.seed ?? 0;
  const png = await swatch(64, 48, [seed % 256, 90, 40]);
  sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ text: 'Here is your family portrait.' }, { inlineData: { mimeType: 'image/png', data: png.toString('base64') } }] }, finishReason: 'STOP', index: 0 }] });
}

const suite = fakeSuite('kingjam-photo-gemini-', () => (req, res) => void answer(req, res));
const secrets = (): Record<string, string> => ({ GEMINI_API_KEY: 'AIzaSy-test-key', KINGJAM_GEMINI_BASE_URL: suite.fake.url });
const PEOPLE: [number, number, number][] = [
  [200, 30, 30],
  [30, 200, 30],
  [30, 30, 200],
];
const BACKGROUND: [number, number, number] = [220, 200, 40];

describe('photo variants on Gemini (own key)', () => {
  it('sends each person and the background as inline images before one prompt, with seeds 1001–1004, and returns the image', async () => {
    script = [];
    const people = await Promise.all(PEOPLE.map((c) => swatch(720, 960, c)));
    const background = { bytes: await swatch(1600, 900, BACKGROUND), mimeType: 'image/png', description: 'a rosewood living room with red lanterns' };
    const ctx = photoContext(secrets());
    for (const seed of PHOTO_SEEDS) {
      const out = await makeVariantOnline({ task: 'fuse', people, background, seed, backend: 'gemini', via: 'own-key' }, ctx);
      expect(out).toMatchObject({ provider: 'gemini', model: 'gemini-3.1-flash-image', mimeType: 'image/png' });
      expect(near(await meanColour(out.bytes), [seed % 256, 90, 40])).toBe(true);
    }
    const calls = suite.fake.seen.map((s) => s.json as GenerateBody);
    expect(calls.map((c) => c.generationConfig?.seed)).toEqual([1001, 1002, 1003, 1004]);
    expect(suite.fake.seen[0]?.headers['x-goog-api-key']).toBe('AIzaSy-test-key');
    for (const call of calls) {
      expect(call.generationConfig).toMatchObject({ responseModalities: ['IMAGE', 'TEXT'], imageConfig: { aspectRatio: '16:9' } });
      const parts = call.contents[0]!.parts;
      expect(parts.map((p) => (p.inlineData ? 'image' : 'text'))).toEqual(['image', 'image', 'image', 'image', 'text']);
      // In order: the three people, then the background — each decodes to its own colour.
      const colours = await Promise.all(parts.slice(0, 4).map((p) => meanColour(Buffer.from(p.inlineData!.data, 'base64'))));
      [...PEOPLE, BACKGROUND].forEach((c, i) => expect(near(colours[i]!, c)).toBe(true));
      const prompt = parts[4]!.text!;
      expect(prompt).toContain('exactly 3 people');
      expect(prompt).toContain('Keep every face exactly as in the photos');
      expect(prompt).toMatch(/Match the lighting/);
      expect(prompt).toMatch(/Natural, relaxed poses/);
      expect(prompt).toContain('rosewood living room');
    }
  });

  it('asks for the costume on a makeover, sending the family photo and the background', async () => {
    script = [];
    const family = await swatch(1200, 800, [120, 60, 20]);
    const background = { bytes: await swatch(900, 1200, BACKGROUND), mimeType: 'image/png', description: 'the red wall of the Forbidden City' };
    await makeVariantOnline({ task: 'makeover', people: [family], background, costume: 'qipao', seed: 1001, faces: 4, backend: 'gemini', via: 'own-key' }, photoContext(secrets()));
    const call = suite.fake.seen[0]!.json as GenerateBody;
    expect(call.contents[0]!.parts.filter((p) => p.inlineData)).toHaveLength(2);
    const prompt = call.contents[0]!.parts.at(-1)!.text!;
    expect(prompt).toContain(COSTUME_PROMPTS.qipao);
    expect(prompt).toContain('exactly the 4 people of the family photo');
    expect(call.generationConfig?.imageConfig?.aspectRatio).toBe('3:4');
  });

  it('tries a call that failed with a 500 once more, and succeeds', async () => {
    script = ['fail-500'];
    const people = [await swatch(720, 960, PEOPLE[0]!)];
    const background = { bytes: await swatch(1000, 1000, BACKGROUND), mimeType: 'image/png', description: 'snow' };
    const out = await makeVariantOnline({ task: 'fuse', people, background, seed: 1003, backend: 'gemini', via: 'own-key' }, photoContext(secrets()));
    expect((await sharp(out.bytes).metadata()).width).toBe(64);
    expect(suite.fake.seen).toHaveLength(2);
    expect(suite.fake.seen.map((s) => (s.json as GenerateBody).generationConfig?.seed)).toEqual([1003, 1003]);
  });

  it('fails a call that hangs past its limit on both tries with a timeout said in all three languages', async () => {
    script = ['hang', 'hang'];
    const ctx = photoContext(secrets());
    const gemini = onlineProvider('gemini', 'own-key', ctx, 5_000).image!;
    // The seed's 30 s, shortened for the test: the limit and the retry are the ones every photo call goes through.
    const err = await rejection(withCallLimit('Gemini', ctx.signal, (signal) => gemini.generateImage({ model: 'gemini-3.1-flash-image', prompt: 'x', seed: 1001 }, { signal }), { timeoutMs: 1_000 }));
    expect(err.toInfo()).toMatchObject({ code: 'PROVIDER_TIMEOUT', key: 'photo.online.timeout', params: { provider: 'Gemini', seconds: 1, tries: 2 } });
    expect(suite.fake.seen).toHaveLength(2);
    const text = said(err.toInfo());
    expect(text.en).toBe('Gemini did not answer within 1 s, 2 times in a row.');
    expect(text['zh-TW']).toBe('Gemini 連續 2 次都沒有在 1 秒內回應。');
    expect(text['zh-CN']).toBe('Gemini 连续 2 次都没有在 1 秒内响应。');
  });
});
