import fs from 'node:fs';
import path from 'node:path';
import { initializeCanvas, readPsd } from 'ag-psd';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANY_PATH } from '../../src/main/client-files.js';
import { stylePalettes } from '../../src/main/ink/index.js';
import type { Studio } from '../../src/main/studio.js';
import type { InkCleanResult } from '../../src/shared/ink/jobs.js';
import { DEFAULT_INK_PALETTE, INK_PSD_LAYERS } from '../../src/shared/ink/options.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';
import { SKETCH, photographedSketch } from './fixtures.js';

/** The 2D studio's jobs in real worker processes, and its runs through main's service (library in, library out). */
let home: string;
let studio: Studio;
let sketch: string;

beforeAll(async () => {
  initializeCanvas(
    () => {
      throw new Error('no canvas in tests');
    },
    (width, height) => ({ width, height, data: new Uint8ClampedArray(width * height * 4), colorSpace: 'srgb' }) as ImageData,
  );
  home = tempHome('kingjam-ink-service-');
  studio = openTestStudio(home);
  sketch = path.join(home, 'pencil sketch.jpg');
  fs.writeFileSync(sketch, await photographedSketch());
});
afterAll(async () => {
  await studio.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the 2D studio through the real worker', () => {
  it('ink.clean writes the transparent PNG and the SVG, and reports the skew it undid', async () => {
    const outDir = path.join(home, 'out');
    const job = await studio.jobs.enqueue('ink.clean', { input: sketch, outDir, options: { thicken: 1 } });
    const done = await studio.jobs.waitFor(job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const r = done.result as InkCleanResult;
    expect(Math.abs(r.angle - SKETCH.skew)).toBeLessThanOrEqual(1);
    expect(fs.readFileSync(r.svg, 'utf8')).toMatch(/^<svg[^>]+viewBox="0 0 480 360"/);
    const png = await sharp(r.png).raw().toBuffer({ resolveWithObject: true });
    expect([png.info.width, png.info.height, png.info.channels]).toEqual([SKETCH.width, SKETCH.height, 4]);
    expect(png.data[3]).toBe(0);
  }, 60_000);

  it('a failed job says why in words the page can translate', async () => {
    const notImage = path.join(home, 'notes.jpg');
    fs.writeFileSync(notImage, 'this is not a picture');
    const job = await studio.jobs.enqueue('ink.clean', { input: notImage, outDir: path.join(home, 'bad'), options: {} });
    const done = await studio.jobs.waitFor(job.id);
    expect(done.status).toBe('failed');
    expect(done.error?.key).toBe('ink.unreadable');
    expect(done.error?.params).toEqual({ file: 'notes.jpg' });
  }, 60_000);

  it('a run cleans a library sketch, adds the line art to the library, then makes the PSD on request', async () => {
    const [imported] = await studio.library.import([sketch], ANY_PATH);
    const events: string[] = [];
    const off = studio.events.on('ink.updated', (e) => events.push(e.id));
    const runs = studio.creator.ink.runs;
    const started = await runs.run({ assetId: imported!.assetId!, options: { thicken: 1, smoothing: 'smooth' } });
    expect(started.status).toBe('queued');
    const done = await until(() => {
      const r = runs.get(started.id);
      return r.status === 'succeeded' && r.assets.lineArt ? r : null;
    }, 'the cleaned run in the library');
    expect(done.result!.png).toMatch(/^outputs\/ink\/.+\/line-art\.png$/);
    expect(fs.existsSync(path.join(studio.paths.library, done.result!.svg))).toBe(true);
    expect(studio.library.get(done.assets.lineArt!).ext).toBe('png');
    expect(events).toContain(started.id);
    // Asking twice queues one PSD.
    const asked = await runs.psd(started.id, 'white');
    expect(asked.psd!.status).toBe('queued');
    expect((await runs.psd(started.id, 'white')).psd!.status).toMatch(/queued|running/);
    const withPsd = await until(() => {
      const r = runs.get(started.id);
      return r.psd?.status === 'succeeded' && r.assets.preview ? r : null;
    }, 'the PSD');
    expect(withPsd.psd!.file).toMatch(/pencil sketch-layers\.psd$/);
    const doc = readPsd(fs.readFileSync(path.join(studio.paths.library, withPsd.psd!.file!)), { useImageData: true });
    expect(doc.children!.map((l) => l.name).reverse()).toEqual([...INK_PSD_LAYERS]);
    expect(runs.list(10).map((r) => r.id)).toContain(started.id);
    off();
  }, 90_000);

  it('without a locked style the fills use the default palette; a locked style gives its own', () => {
    expect(studio.creator.ink.runs.palette(null)).toEqual([...DEFAULT_INK_PALETTE]);
    expect(studio.creator.ink.runs.palette('no-such-style')).toEqual([...DEFAULT_INK_PALETTE]);
    // The Style-Locker's profile shape: locked, with a measured palette (most used first).
    const profiles: Record<string, { locked: boolean; features: { palette: { hex: string }[] } | null }> = {
      locked: { locked: true, features: { palette: [{ hex: '#112233' }, { hex: '#445566' }] } },
      open: { locked: false, features: { palette: [{ hex: '#778899' }] } },
    };
    const source = stylePalettes({
      get: (id) => {
        const p = profiles[id];
        if (!p) throw new Error('no such style');
        return p;
      },
    });
    expect(source.paletteOf!('locked')).toEqual(['#112233', '#445566']);
    expect(source.paletteOf!('open')).toBeNull();
    expect(source.paletteOf!('gone')).toBeNull();
  });

  it('refuses a run of a sketch not in the library, and an unknown run', async () => {
    await expect(studio.creator.ink.runs.run({ assetId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(() => studio.creator.ink.runs.get('nope')).toThrow(expect.objectContaining({ key: 'ink.run-not-found' }));
  });
});
