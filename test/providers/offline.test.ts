import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StudioError } from '../../src/shared/errors.js';
import { OfflineProvider } from '../../src/workers/generation/providers/offline/index.js';
import { renderDesign, wrap } from '../../src/workers/generation/providers/offline/image.js';

/** The offline provider: no network, deterministic, labelled as a draft, and CJK that really renders. */

const offline = new OfflineProvider();
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-offline-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Grey-level standard deviation of a region: ~0 for a flat fill, large where glyphs are. */
async function regionStdev(png: Buffer, region: { left: number; top: number; width: number; height: number }): Promise<number> {
  const stats = await sharp(png).extract(region).greyscale().stats();
  return stats.channels[0]?.stdev ?? 0;
}

describe('offline text', () => {
  const brief = { topic: '台北咖啡廳', tone: 'friendly', persona: '一位在地美食部落客', language: 'zh-TW' as const, keywords: ['手沖', '甜點'], form: 'article' as const, length: 600 };

  it('writes the same article for the same brief, labelled as a draft', async () => {
    const a = await offline.text.generateText({ prompt: 'Write an article', brief });
    const b = await offline.text.generateText({ prompt: 'Write an article', brief });
    expect(a.text).toBe(b.text);
    expect(a).toMatchObject({ provider: 'offline', draft: true });
    expect(a.text).toMatch(/^# .+\n\n> \*\*草稿\*\*/);
    expect(a.text).toContain('台北咖啡廳');
    expect(a.text).toContain('一位在地美食部落客');
    expect(a.text.match(/^## /gm)?.length).toBeGreaterThanOrEqual(3);
    const other = await offline.text.generateText({ prompt: 'Write an article', brief: { ...brief, topic: '高雄夜市' } });
    expect(other.text).not.toBe(a.text);
  });

  it('changes voice with the tone and writes in each language', async () => {
    const formal = await offline.text.generateText({ prompt: '', brief: { ...brief, tone: 'professional' } });
    const funny = await offline.text.generateText({ prompt: '', brief: { ...brief, tone: 'humorous' } });
    expect(formal.text).not.toBe(funny.text);

    const cn = await offline.text.generateText({ prompt: '', brief: { ...brief, language: 'zh-CN', topic: '上海咖啡馆' } });
    expect(cn.text).toContain('草稿');
    expect(cn.text).not.toMatch(/[為這個們說會還與讓關]/); // no traditional forms left
    const en = await offline.text.generateText({ prompt: '', brief: { ...brief, language: 'en', topic: 'Coffee in Taipei', keywords: ['pour-over'], form: 'caption' } });
    expect(en.text).toMatch(/^\[DRAFT\] /);
    expect(en.text).toContain('#pour-over');
  });

  it('streams paragraph by paragraph', async () => {
    const stream = offline.text.streamText({ prompt: 'x', brief });
    const pieces: string[] = [];
    for await (const p of stream) pieces.push(p);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe((await stream.result()).text);
  });
});

describe('offline structured output', () => {
  const Seo = z.object({
    title: z.string().min(5).max(60),
    metaDescription: z.string().max(160),
    keywords: z.array(z.string()).min(3).max(8),
    slug: z.string().regex(/^[a-z0-9-]+$/),
    outline: z.array(z.string().min(1)).min(3),
  });
  const Scenes = z.object({
    scenes: z
      .array(z.object({ narration: z.string().min(1), caption: z.string().max(40), visualPrompt: z.string(), durationSec: z.number().min(2).max(10), transition: z.enum(['fade', 'cut', 'slide']) }))
      .min(4)
      .max(8),
  });

  it('drafts values that fit the schema, the same every time', async () => {
    const brief = { topic: '台北咖啡廳', language: 'zh-TW' as const, keywords: ['手沖'] };
    const seo = await offline.structured.generateObject({ prompt: 'SEO', schema: Seo, schemaName: 'BlogSeo', brief });
    expect(seo.draft).toBe(true);
    expect(seo.value.slug).toMatch(/^draft-[0-9a-f]{8}$/);
    expect([...seo.value.title].length).toBeLessThanOrEqual(60);
    const again = await offline.structured.generateObject({ prompt: 'SEO', schema: Seo, schemaName: 'BlogSeo', brief });
    expect(again.raw).toBe(seo.raw);

    const plan = await offline.structured.generateObject({ prompt: 'video', schema: Scenes, schemaName: 'DirectorScenes', brief: { topic: 'Morning run', language: 'en' } });
    expect(plan.value.scenes).toHaveLength(4);
    expect(plan.value.scenes[0]).toMatchObject({ durationSec: 5, transition: 'fade' });
  });

  it('uses a registered template, and refuses one that does not fit', async () => {
    const provider = new OfflineProvider();
    provider.registerTemplate('Pair', (brief) => ({ a: brief?.topic ?? '', b: 2 }));
    const Pair = z.object({ a: z.string(), b: z.number() });
    expect((await provider.structured.generateObject({ prompt: '', schema: Pair, schemaName: 'Pair', brief: { topic: 'x' } })).value).toEqual({ a: 'x', b: 2 });
    provider.registerTemplate('Bad', () => ({ a: 1 }));
    const err = await provider.structured.generateObject({ prompt: '', schema: Pair, schemaName: 'Bad' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('MODEL_OUTPUT_INVALID');
  });
});

describe('offline images and scenes', () => {
  it('designs a deterministic, labelled image at the asked aspect', async () => {
    const req = { prompt: 'cover', aspectRatio: '4:5' as const, brief: { topic: '台北咖啡廳', language: 'zh-TW' as const, headline: '台北咖啡廳指南', subtitle: 'Taipei coffee guide 2025' } };
    const a = await offline.image.generateImage(req);
    const b = await offline.image.generateImage(req);
    expect(a.draft).toBe(true);
    expect(a.images[0]?.bytes.equals(b.images[0]?.bytes ?? Buffer.alloc(0))).toBe(true);
    const meta = await sharp(a.images[0]?.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1080, 1350]);
  });

  it('renders CJK glyphs (not empty, not boxes)', async () => {
    const base = { language: 'zh-TW' as const, aspectRatio: '16:9' as const, quality: 'standard' as const, seed: 'same-background' };
    const text = await renderDesign({ ...base, headline: '永和豆漿' });
    const empty = await renderDesign({ ...base, headline: ' ' });
    const swapped = await renderDesign({ ...base, headline: '豆漿永和' });
    // The headline's first line sits just above 55 % of the height, from the left margin.
    const region = { left: 84, top: 430, width: 420, height: 115 };
    const [withText, blank] = await Promise.all([sharp(text.bytes).extract(region).greyscale().raw().toBuffer(), sharp(empty.bytes).extract(region).greyscale().raw().toBuffer()]);
    let inked = 0;
    for (let i = 0; i < withText.length; i++) if (Math.abs((withText[i] ?? 0) - (blank[i] ?? 0)) > 60) inked++;
    expect(inked / withText.length).toBeGreaterThan(0.08);
    expect(await regionStdev(text.bytes, region)).toBeGreaterThan(25);
    // Missing glyphs draw identical boxes: swapping the characters would change nothing.
    const [x, y] = await Promise.all([sharp(text.bytes).extract(region).raw().toBuffer(), sharp(swapped.bytes).extract(region).raw().toBuffer()]);
    expect(x.equals(y)).toBe(false);
  });

  it('wraps CJK between characters and Latin between words', () => {
    expect(wrap('台北最好喝的咖啡廳，一次告訴你', 400, 100)).toEqual(['台北最好', '喝的咖啡', '廳，一次', '告訴你']);
    expect(wrap('The best coffee in town', 300, 50)).toEqual(['The best', 'coffee in', 'town']);
  });

  it('renders a video scene as a still for the compositor', async () => {
    const progress: number[] = [];
    const out = await offline.video.generateVideo({ prompt: 'Sunrise run', aspectRatio: '9:16', durationSec: 4, outPath: path.join(dir, 'scene-1.mp4'), brief: { topic: 'Morning run', language: 'en' } }, { onProgress: (f) => progress.push(f) });
    expect(out).toMatchObject({ kind: 'still', path: path.join(dir, 'scene-1.png'), durationSec: 4, draft: true });
    const meta = await sharp(out.path).metadata();
    expect([meta.width, meta.height]).toEqual([1080, 1920]);
    expect(progress.at(-1)).toBe(1);
  });

  it('stops when canceled and always passes its connection test', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await offline.image.generateImage({ prompt: 'x' }, { signal: controller.signal }).catch((e: unknown) => e);
    expect((err as StudioError).code).toBe('CANCELED');
    expect(await offline.testConnection()).toMatchObject({ ok: true, provider: 'offline' });
  });
});
