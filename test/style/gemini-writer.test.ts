import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StyleFeatures } from '../../src/shared/style/features.js';
import { writeWithGemini } from '../../src/workers/style/gemini-writer.js';

/**
 * The fragment written by Gemini from the references, against a loopback
 * fake of the Gemini API speaking its wire format (generateContent with
 * inline image parts in, candidates with a JSON text part out), through the
 * real @google/genai SDK and the studio's fetch wrapper.
 */
interface Seen {
  url: string;
  key: string | undefined;
  body: { contents: { parts: { text?: string; inlineData?: { mimeType: string; data: string } }[] }[]; generationConfig?: { responseMimeType?: string } };
}

let server: http.Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', key: req.headers['x-goog-api-key'] as string | undefined, body: JSON.parse(raw) as Seen['body'] });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({
        modelVersion: 'gemini-fake-001',
        candidates: [{ content: { role: 'model', parts: [{ text: JSON.stringify({ promptFragment: 'flat pastel shapes with bold navy outlines on cream paper', negativePrompt: 'photorealism, neon colours' }) }] }, finishReason: 'STOP' }],
      }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const features: StyleFeatures = {
  palette: [{ hex: '#fefae0', lab: [97.8, -1.5, 11.2], weight: 0.6 }, { hex: '#264653', lab: [28.3, -9.6, -10.4], weight: 0.4 }],
  lighting: { meanLuminance: 82.7, contrast: 22.8, highlights: 0.81, shadows: 0.1, keyBalance: 0.7, warmth: 0.26 },
  lines: { edgeDensity: 0.09, meanEdgeStrength: 0.42, lineThicknessPx: 5 },
  images: [],
};

describe('the Gemini fragment writer', () => {
  it('sends every reference as an inline image with the measured numbers, asks for JSON in the user language, and returns the answer', async () => {
    const images = [0, 1, 2].map((i) => ({ bytes: Buffer.from(`jpeg-${i}`), mimeType: 'image/jpeg' }));
    const out = await writeWithGemini({ apiKey: 'test-key', baseUrl: base }, images, features, 'zh-TW');
    expect(out).toEqual({ promptFragment: 'flat pastel shapes with bold navy outlines on cream paper', negativePrompt: 'photorealism, neon colours', provider: 'gemini', model: 'gemini-fake-001', draft: false });
    const call = seen.at(-1)!;
    expect(call.url).toMatch(/\/v1beta\/models\/[^/]+:generateContent$/);
    expect(call.key).toBe('test-key');
    const parts = call.body.contents[0]!.parts;
    expect(parts.filter((p) => p.inlineData).map((p) => Buffer.from(p.inlineData!.data, 'base64').toString())).toEqual(['jpeg-0', 'jpeg-1', 'jpeg-2']);
    const text = parts.find((p) => p.text)!.text!;
    expect(text).toContain('#fefae0 (60%)');
    expect(text).toContain('Traditional Chinese (Taiwan)');
    expect(call.body.generationConfig?.responseMimeType).toBe('application/json');
  });
});
