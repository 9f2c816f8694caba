import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NodeIO } from '@gltf-transform/core';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import type { Studio } from '../../src/main/studio.js';
import type { MeshModelView } from '../../src/shared/api/mesh-contract.js';
import { contractCalls } from '../helpers/calls.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';

/**
 * One model end to end through the contract, on the real mesh worker: a
 * character picture made into an offline relief, checked at 120 mm for FDM
 * (the preview GLB with its "model" and "problems" nodes), selected as the
 * best, prepared with a base (files whose sha256 match), and packed (a ZIP
 * with the print files, the PDF spec sheet and a request for quotation).
 */
let studio: Studio;
const api = contractCalls(() => createHandlers(studio, 'web'));
const updates: string[] = [];
let picture: string;

async function settled(id: string, done: (m: MeshModelView) => boolean, what: string): Promise<MeshModelView> {
  return until(async () => {
    const m = await api.call('mesh.model', { id });
    return done(m) ? m : null;
  }, what, 200_000);
}

beforeAll(async () => {
  const home = tempHome('kingjam-mesh-flow-');
  studio = openTestStudio(home, {}, true);
  studio.events.on('mesh.updated', ({ id }) => updates.push(id));
  picture = path.join(home, 'figure.png');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="320"><circle cx="120" cy="70" r="50" fill="#f2c6a0"/><rect x="70" y="115" width="100" height="190" rx="36" fill="#3d5a80"/></svg>`;
  await sharp({ create: { width: 240, height: 320, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).composite([{ input: Buffer.from(svg) }]).png().toFile(picture);
}, 60_000);

afterAll(async () => {
  await studio.close();
});

describe('a 3D model end to end on the mesh worker', () => {
  it('makes, checks, selects, prepares and packs', async () => {
    const started = await api.call('mesh.make', { image: { path: picture }, name: '小英雄', backends: [{ backend: 'offline' }], sizeMm: 120, process: 'fdm' });
    const made = await settled(started.id, (m) => m.status !== 'making', 'the candidate to be made and checked');
    expect(made.status).toBe('ready');
    const [c] = made.candidates;
    expect(c).toMatchObject({ backend: 'offline', status: 'checked', draft: true, model: 'offline-relief' });
    expect(c!.report!.watertight).toBe(true);
    expect(Math.max(...c!.report!.sizeMm)).toBeCloseTo(120, 1);
    expect(c!.score).toBe(c!.report!.score);
    expect([made.bestId, made.selectedId]).toEqual([c!.id, c!.id]);
    expect(updates).toContain(started.id);

    // The preview the page loads: two named nodes, the model at most the preview's triangles.
    const preview = await new NodeIO().read(path.join(studio.paths.library, c!.preview!));
    const names = preview.getRoot().listNodes().map((n) => n.getName());
    expect(names).toEqual(expect.arrayContaining(['model', 'problems']));
    expect(fs.existsSync(path.join(studio.paths.library, c!.glb!))).toBe(true);

    const chosen = await api.call('mesh.choose', { id: made.id, candidateId: c!.id });
    expect(chosen.chosenId).toBe(c!.id);

    await api.call('mesh.prepare', { id: made.id, baseMm: 3 });
    const prepared = await settled(made.id, (m) => m.prepared[0]?.status !== 'running', 'the preparation');
    const p = prepared.prepared[0]!;
    expect(p.status, JSON.stringify(p.error)).toBe('succeeded');
    expect(p.files.map((f) => f.format).sort()).toEqual(['3mf', 'glb', 'stl']);
    for (const f of p.files) {
      const bytes = fs.readFileSync(path.join(studio.paths.library, f.file));
      expect(bytes.length).toBe(f.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
    }
    expect(p.after!.watertight).toBe(true);

    await api.call('mesh.pack', { id: made.id, language: 'zh-TW', factories: [{ name: '台中模型廠', contact: 'service@example.com' }], quantity: 200 });
    const packed = await settled(made.id, (m) => m.packs[0]?.status !== 'running', 'the pack');
    const pack = packed.packs[0]!;
    expect(pack.status, JSON.stringify(pack.error)).toBe('succeeded');
    const zip = unzipSync(new Uint8Array(fs.readFileSync(path.join(studio.paths.library, pack.file!))));
    expect(Object.keys(zip).sort()).toEqual([...pack.entries].sort());
    expect(pack.entries.some((e) => e.endsWith('.pdf'))).toBe(true);
    expect(pack.entries.some((e) => e.endsWith('.stl'))).toBe(true);
    expect(pack.file!.startsWith('outputs/mesh/')).toBe(true);
  }, 400_000);
});
