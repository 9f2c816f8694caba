import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import type { Studio } from '../../src/main/studio.js';
import type { StyleProfileView } from '../../src/shared/style/profile.js';
import { withStyle } from '../../src/workers/style/apply.js';
import { contractCalls } from '../helpers/calls.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';
import { flatStyle, neonStyle } from './fixtures.js';

/**
 * The Style-Locker on a real SQLite file with real workers, through the
 * contract's handlers as the page calls them: extraction from files, the
 * profile read back after reopening the database, edits and the lock, scores
 * with their drift flags, and a blog whose request names the locked style —
 * its job carries the fragment, and its cover is scored afterwards.
 */
let home: string;
let studio: Studio;
const api = contractCalls(() => createHandlers(studio, 'web'));
let refs: string[];

async function ready(id: string): Promise<StyleProfileView> {
  return until(async () => {
    const p = await api.call('style.get', { id });
    if (p.status === 'failed') throw new Error(JSON.stringify(p.error));
    return p.status === 'ready' ? p : null;
  }, 'the extraction', 90_000);
}

beforeAll(async () => {
  home = tempHome('kingjam-style-svc-');
  studio = openTestStudio(home);
  const dir = fs.mkdtempSync(path.join(home, 'refs-'));
  refs = await Promise.all([1, 2, 3, 4].map((s) => flatStyle(dir, `ref-${s}.png`, s)));
});
afterAll(async () => {
  await studio.close();
});

describe('style profiles', () => {
  let id: string;

  it('refuses fewer than 3 references with the reason, making nothing', async () => {
    const refused = await api.refused('style.create', { name: 'Two', paths: refs.slice(0, 2) });
    expect(refused).toMatchObject({ code: 'BAD_INPUT', key: 'style.imageCount', params: { count: 2, min: 3, max: 10 } });
    expect(await api.call('style.list', {})).toEqual([]);
  });

  it('extracts a style from four images, keeps its own copies of them, and reads back the same after the database is reopened', async () => {
    const created = await api.call('style.create', { name: 'Picture book', paths: refs, seedPolicy: { mode: 'fixed', seed: 42 } });
    expect(created.status).toBe('extracting');
    id = created.id;
    const p = await ready(id);
    expect(p.features!.palette.length).toBeGreaterThanOrEqual(5);
    expect(p.features!.images).toHaveLength(4);
    expect(p.promptFragment).toContain('#fefae0');
    expect(p.writing).toMatchObject({ provider: 'offline', draft: true });
    for (const r of p.references) expect(r.path.startsWith(path.join(studio.paths.library, 'styles', id))).toBe(true);
    await studio.close();
    studio = openTestStudio(home);
    const again = await api.call('style.get', { id });
    expect(again).toEqual(p);
  });

  it('edits the fragment, negative prompt and carriers; locks; refuses edits while locked; resolves what a generation receives', async () => {
    await api.call('style.update', { id, promptFragment: 'flat pastel picture-book shapes, bold navy outlines', negativePrompt: 'photorealism', carriers: { comfyui: { lora: { name: 'picturebook.safetensors', strength: 0.7 }, ipAdapter: null } } });
    expect(await api.refused('style.applied', { id })).toMatchObject({ code: 'CONFLICT', key: 'style.notLocked' });
    const locked = await api.call('style.lock', { id });
    expect(locked.locked).toBe(true);
    expect(await api.refused('style.update', { id, promptFragment: 'x' })).toMatchObject({ code: 'CONFLICT', key: 'style.locked' });
    const applied = await api.call('style.applied', { id });
    expect(applied).toMatchObject({ styleId: id, promptFragment: 'flat pastel picture-book shapes, bold navy outlines', negativePrompt: 'photorealism', seed: 42, comfy: { lora: { name: 'picturebook.safetensors', strength: 0.7 } } });
    expect(applied.referencePaths).toHaveLength(4);
  });

  it('scores images against the style: in-style ones pass, others are flagged as drift, and the scores are stored', async () => {
    const dir = fs.mkdtempSync(path.join(home, 'score-'));
    const good = await flatStyle(dir, 'good.png', 301);
    const bad = await neonStyle(dir, 'bad.png', 302);
    const job = await api.call('style.score', { id, paths: [good, bad] });
    const done = await studio.jobs.waitFor(job.id);
    expect(done.status).toBe('succeeded');
    const scores = await api.call('style.scores', { id });
    const byPath = new Map(scores.map((s) => [path.basename(s.path), s]));
    expect(byPath.get('good.png')).toMatchObject({ drift: false, source: 'manual' });
    expect(byPath.get('bad.png')).toMatchObject({ drift: true });
    expect(byPath.get('good.png')!.score).toBeGreaterThan(byPath.get('bad.png')!.score + 30);
  });

  it('a blog naming the locked style gets its fragment in the job, and its cover is scored against the style', async () => {
    const project = await studio.generate.blog({ topic: 'Rainy day picture books', cover: 'standard', styleId: id, language: 'en', length: 300 });
    const row = studio.store.sqlite.prepare("SELECT id, payload FROM jobs WHERE kind = 'generate.blog' AND project_id = ?").get(project.id) as { id: string; payload: string };
    const payload = JSON.parse(row.payload) as { style: { promptFragment: string; seed: number } };
    expect(payload.style).toMatchObject({ promptFragment: 'flat pastel picture-book shapes, bold navy outlines', seed: 42 });
    expect((await studio.jobs.waitFor(row.id)).status).toBe('succeeded');
    const scored = await until(() => (studio.store.sqlite.prepare("SELECT * FROM style_scores WHERE source = 'generate.blog'").get() as { path: string; score: number } | undefined), 'the cover score', 60_000);
    expect(path.basename(scored.path)).toBe('cover.png');
    expect(scored.score).toBeGreaterThanOrEqual(0);
  });

  it('an unlocked style refuses the generation before anything is made', async () => {
    await api.call('style.unlock', { id });
    const before = (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM projects').get() as { n: number }).n;
    await expect(studio.generate.social({ topic: 'Picture books', platform: 'instagram', styleId: id })).rejects.toMatchObject({ key: 'style.notLocked' });
    expect((studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM projects').get() as { n: number }).n).toBe(before);
  });

  it('deleting a style removes its scores and its copies of the references', async () => {
    await api.call('style.delete', { id });
    expect((studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM style_scores WHERE style_id = ?').get(id) as { n: number }).n).toBe(0);
    expect(fs.existsSync(path.join(studio.paths.library, 'styles', id))).toBe(false);
    expect(await api.refused('style.get', { id })).toMatchObject({ code: 'NOT_FOUND', key: 'style.notFound' });
  });
});

describe('a locked style applied to an image request, per backend', () => {
  const style = {
    styleId: 's1', name: 'S', promptFragment: 'pastel flat shapes', negativePrompt: 'photo', seed: 7,
    referencePaths: [] as string[], comfy: { lora: { name: 'book.safetensors', strength: 0.8 } },
  };

  it('Gemini gets the fragment, the negative prompt, the seed and the references after its own inputs', async () => {
    const req = await withStyle({ prompt: 'A cover.', negativePrompt: 'text', image: { bytes: Buffer.from('own'), mimeType: 'image/png' } }, { ...style, referencePaths: refs.slice(0, 2) }, 'gemini');
    expect(req.prompt).toBe('A cover. Style: pastel flat shapes');
    expect(req.negativePrompt).toBe('text, photo');
    expect(req.seed).toBe(7);
    expect(req.images!.map((i) => i.bytes.length)).toEqual([3, fs.statSync(refs[0]!).size, fs.statSync(refs[1]!).size]);
  });

  it('ComfyUI gets the LoRA tag and no reference images; an Imagen-only path gets none either', async () => {
    const comfy = await withStyle({ prompt: 'A cover' }, { ...style, referencePaths: refs }, 'comfyui');
    expect(comfy.prompt).toBe('A cover. Style: pastel flat shapes <lora:book.safetensors:0.8>');
    expect(comfy.images).toBeUndefined();
    const replicate = await withStyle({ prompt: 'A cover' }, { ...style, referencePaths: refs }, 'replicate', 'black-forest-labs/flux-schnell');
    expect(replicate.images).toBeUndefined();
    const seedream = await withStyle({ prompt: 'A cover' }, { ...style, referencePaths: refs }, 'replicate', 'bytedance/seedream-4');
    expect(seedream.images).toHaveLength(4);
  });
});
