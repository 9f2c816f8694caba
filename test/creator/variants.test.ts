import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import { aesGcmCipher, sealedFileStore } from '../../src/main/secrets/store.js';
import type { Studio } from '../../src/main/studio.js';
import { makeCharacterVariants } from '../../src/workers/creator/variants.js';
import { contractCalls } from '../helpers/calls.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';
import { startFake, sendJson, type FakeServer, type Seen } from '../providers/fake-server.js';
import { jobContext, meanColour, near, swatch } from './support.js';

/**
 * The Pose & Variant Generator (issue 16) on Gemini's image model through the
 * real SDK against a loopback generateContent: the character's references and
 * the locked style's references go in as inline images before one prompt with
 * the look and the style's fragment; each answer (a PNG whose colour is the
 * seed's) is saved as a PNG — and, through the studio, added to the library.
 */
interface GenerateBody {
  contents: { parts: { text?: string; inlineData?: { mimeType: string; data: string } }[] }[];
  generationConfig?: { seed?: number };
}

async function answer(req: Seen, res: http.ServerResponse): Promise<void> {
  if (!/^\/v1beta\/models\/gemini-[^/:]+-image[^/:]*:generateContent$/.test(req.path)) return sendJson(res, 404, { error: { code: 404, message: 'not found', status: 'NOT_FOUND' } });
  const seed = (req.json as GenerateBody).generationConfig?.seed ?? 0;
  const png = await swatch(96, 128, [seed % 256, 120, 60]);
  sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: png.toString('base64') } }] }, finishReason: 'STOP', index: 0 }] });
}

let fake: FakeServer;
let dir: string;
const REF: [number, number, number] = [200, 40, 40];
const STYLE_REF: [number, number, number] = [30, 60, 210];

beforeAll(async () => {
  fake = await startFake((req, res) => void answer(req, res));
  dir = tempHome('kingjam-variants-');
});

afterAll(async () => {
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('character variants in the worker', () => {
  it('sends the references and the locked style, and writes one PNG per variant with the style’s seeds', async () => {
    const ref = path.join(dir, 'ref.png');
    const styleRef = path.join(dir, 'style.png');
    fs.writeFileSync(ref, await swatch(600, 800, REF));
    fs.writeFileSync(styleRef, await swatch(400, 400, STYLE_REF));
    const outDir = path.join(dir, 'out');
    const ctx = jobContext({ GEMINI_API_KEY: 'AIzaSy-test-key', KINGJAM_GEMINI_BASE_URL: fake.url });
    const result = await makeCharacterVariants(
      {
        name: 'Mira', look: 'a yellow raincoat and a paper lantern', kind: 'pose', instruction: 'jumping with arms up', references: [ref],
        style: { styleId: 's1', name: 'Picture book', promptFragment: 'flat pastel colours, thick ink outlines', negativePrompt: 'photorealistic', seed: 40, referencePaths: [styleRef], comfy: {} },
        backend: 'gemini', via: 'own-key', count: 2, outDir,
      },
      ctx,
    );
    expect(result.provider).toBe('gemini');
    expect(result.variants.map((v) => v.seed)).toEqual([40, 41]);
    for (const v of result.variants) {
      const meta = await sharp(v.path).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 96, 128]);
      expect(near(await meanColour(v.path), [v.seed, 120, 60])).toBe(true);
    }
    const bodies = fake.seen.map((s) => s.json as GenerateBody);
    expect(bodies.map((b) => b.generationConfig?.seed)).toEqual([40, 41]);
    const parts = bodies[0]!.contents[0]!.parts;
    expect(parts.map((p) => (p.inlineData ? 'image' : 'text'))).toEqual(['image', 'image', 'text']);
    expect(near(await meanColour(Buffer.from(parts[0]!.inlineData!.data, 'base64')), REF)).toBe(true);
    expect(near(await meanColour(Buffer.from(parts[1]!.inlineData!.data, 'base64')), STYLE_REF)).toBe(true);
    const prompt = parts[2]!.text!;
    expect(prompt).toContain('Mira');
    expect(prompt).toContain('a yellow raincoat and a paper lantern');
    expect(prompt).toContain('Change only the pose and body language to: jumping with arms up');
    expect(prompt).toContain('Style: flat pastel colours, thick ink outlines');
    expect(prompt).toContain('locked art style');
    fake.seen.length = 0;
  });
});

describe('character variants through the studio', () => {
  let studio: Studio;
  const api = contractCalls(() => createHandlers(studio, 'web'));

  beforeAll(async () => {
    process.env.KINGJAM_GEMINI_BASE_URL = fake.url;
    const home = tempHome('kingjam-variants-studio-');
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    studio = openTestStudio(home, {}, true, { secrets, allowedDirs: [dir] });
  });

  afterAll(async () => {
    await studio?.close();
    delete process.env.KINGJAM_GEMINI_BASE_URL;
  });

  it('refuses before any job when the key is missing, then makes the variants, adds them to the library, and keeps one', async () => {
    const character = await api.call('character.create', { name: 'Mira', language: 'en', look: 'a yellow raincoat', keywords: ['rain'] });
    const request = { id: character.id, kind: 'outfit' as const, instruction: 'a winter coat', backend: 'gemini' as const, via: 'own-key' as const, count: 2 };
    // No reference yet: refused with the reason.
    await expect(api.call('character.makeVariants', request)).rejects.toMatchObject({ info: { key: 'character.noReferences' } });
    const ref = path.join(dir, 'mira.png');
    fs.writeFileSync(ref, await swatch(600, 800, REF));
    const withRef = await api.call('character.addReferenceFiles', { id: character.id, paths: [ref] });
    expect(withRef.references).toHaveLength(1);
    expect(withRef.references[0]).toMatchObject({ origin: 'upload' });
    // No Gemini key: refused before any job exists, nothing left behind.
    await expect(api.call('character.makeVariants', request)).rejects.toMatchObject({ info: { code: 'PROVIDER_NOT_CONFIGURED' } });
    expect((await api.call('character.get', { id: character.id })).variants).toEqual([]);
    expect(fake.seen).toHaveLength(0);

    await studio.providers.setKey('gemini', 'AIzaSy-test-key');
    const started = await api.call('character.makeVariants', request);
    expect(started.variants.map((v) => v.status)).toEqual(['pending', 'pending']);
    const done = await until(async () => {
      const c = await api.call('character.get', { id: character.id });
      return c.variants.every((v) => v.assetId) ? c : null;
    }, 'the variants in the library', 60_000);
    expect(done.variants.map((v) => [v.status, v.state, v.kind, v.model])).toEqual([
      ['ready', 'new', 'outfit', 'gemini-3.1-flash-image'],
      ['ready', 'new', 'outfit', 'gemini-3.1-flash-image'],
    ]);
    for (const v of done.variants) {
      const asset = studio.library.get(v.assetId!);
      expect(asset.kind).toBe('image');
      const file = path.join(studio.paths.library, asset.file);
      expect((await sharp(file).metadata()).format).toBe('png');
      expect(v.prompt).toContain('Change only the outfit to: a winter coat');
    }
    const seeds = await Promise.all(done.variants.map(async (v) => (await meanColour(path.join(studio.paths.library, v.file!)))[0]));
    expect(seeds.sort()).toEqual([1001 % 256, 1002 % 256].sort());

    const kept = await api.call('character.markVariant', { variantId: done.variants[0]!.id, state: 'kept' });
    expect(kept.variants.find((v) => v.id === done.variants[0]!.id)?.state).toBe('kept');
    fake.seen.length = 0;
    const asRef = await api.call('character.addReferenceAssets', { id: character.id, assetIds: [done.variants[0]!.assetId!], origin: 'generated' });
    expect(asRef.references.map((r) => r.origin)).toEqual(['upload', 'generated']);
  }, 90_000);

  it('draws a first reference from the look offline (a procedural draft), into the library as a generated reference', async () => {
    const character = await api.call('character.create', { name: '小滿', language: 'zh-TW', look: '黃色雨衣、紙燈籠', keywords: ['雨'] });
    const view = await api.call('character.generateReference', { id: character.id, provider: 'offline' });
    expect(view.references).toHaveLength(1);
    expect(view.references[0]).toMatchObject({ origin: 'generated' });
    const asset = studio.library.get(view.references[0]!.assetId);
    const meta = await sharp(path.join(studio.paths.library, asset.file)).metadata();
    expect(meta.format).toBe('png');
    expect(meta.height! / meta.width!).toBeCloseTo(4 / 3, 1);
    // Drawn by the offline provider: nothing went to a model.
    expect(fake.seen).toHaveLength(0);
  }, 60_000);
});
