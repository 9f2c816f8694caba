import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initializeCanvas, readPsd, type Layer } from 'ag-psd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INK_PSD_LAYERS } from '../../src/shared/ink/options.js';
import { cleanSketch } from '../../src/workers/ink/clean.js';
import { buildLayers, hexToRgb } from '../../src/workers/ink/psd/layers.js';
import { writeInkPsd } from '../../src/workers/ink/psd/write.js';
import { SKETCH, drawingMask, drawingSvg, photographedSketch } from './fixtures.js';

let dir: string;
beforeAll(() => {
  // Reading with useImageData still asks for ImageData objects; plain arrays stand in (no canvas in Node).
  initializeCanvas(
    () => {
      throw new Error('no canvas in tests');
    },
    (width, height) => ({ width, height, data: new Uint8ClampedArray(width * height * 4), colorSpace: 'srgb' }) as ImageData,
  );
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-ink-psd-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PALETTE = ['#ff0000', '#00ff00', '#0000ff'];

function pixel(layer: Layer, x: number, y: number): number[] {
  const img = layer.imageData!;
  const o = (y * img.width + x) * 4;
  return Array.from(img.data.slice(o, o + 4));
}

describe('the layered PSD of a cleaned sketch', () => {
  it('reads back with ag-psd: the image size, four named layers of that size, line art where the lines are', async () => {
    const sketch = await cleanSketch(await photographedSketch(), { thicken: 0, minSpeck: 12, deskew: true });
    const { psd } = writeInkPsd(buildLayers(sketch, PALETTE, 'white'));
    const file = path.join(dir, 'sketch.psd');
    fs.writeFileSync(file, psd);
    const doc = readPsd(fs.readFileSync(file), { useImageData: true });
    expect(doc.width).toBe(SKETCH.width);
    expect(doc.height).toBe(SKETCH.height);
    const layers = doc.children!;
    // ag-psd lists bottom first; INK_PSD_LAYERS is top first.
    expect(layers.map((l) => l.name).reverse()).toEqual([...INK_PSD_LAYERS]);
    for (const l of layers) {
      expect(l.imageData!.width, l.name).toBe(SKETCH.width);
      expect(l.imageData!.height, l.name).toBe(SKETCH.height);
    }
    const byName = Object.fromEntries(layers.map((l) => [l.name, l]));
    expect(byName['Shading']!.blendMode).toBe('multiply');
    const lines = byName['Line art']!;
    const truth = await drawingMask();
    let onLines = 0;
    let hits = 0;
    let offLines = 0;
    let strays = 0;
    for (let i = 0; i < truth.length; i++) {
      const a = lines.imageData!.data[i * 4 + 3]!;
      if (truth[i]) {
        onLines++;
        if (a === 255) hits++;
      } else {
        offLines++;
        if (a === 255) strays++;
      }
    }
    expect(hits / onLines).toBeGreaterThan(0.9);
    expect(strays / offLines).toBeLessThan(0.01);
    expect(pixel(lines, 240, 50)).toEqual([0, 0, 0, 255]); // the frame's top edge
    expect(pixel(lines, 100, 100)[3]).toBe(0); // inside a region
    // Background is white and opaque everywhere.
    expect(pixel(byName['Background']!, 0, 0)).toEqual([255, 255, 255, 255]);
  });

  it('fills each closed region with one palette colour (largest first), leaves the outside empty, and shades by the sketch', async () => {
    const sketch = await cleanSketch(await photographedSketch(0), { thicken: 0, minSpeck: 12, deskew: true });
    const layers = buildLayers(sketch, PALETTE, 'white');
    expect(layers.colouredSource).toBe(false);
    // Frame halves minus the circle: two regions; the circle halves: two more.
    expect(layers.regions).toBe(4);
    const flat = layers.flat;
    const at = (x: number, y: number) => Array.from(flat.data.slice((y * flat.width + x) * 4, (y * flat.width + x) * 4 + 4));
    const topLeft = at(80, 80);
    const bottomLeft = at(80, 280);
    const inCircle = at(240, 140);
    expect(topLeft[3]).toBe(255);
    expect(PALETTE.map(hexToRgb).map((c) => c.join())).toContain(topLeft.slice(0, 3).join());
    expect(topLeft.join()).not.toBe(inCircle.join());
    expect(topLeft.join()).not.toBe(bottomLeft.join());
    expect(at(10, 10)[3]).toBe(0); // outside the frame: no fill
    // Under the frame's line the fill reaches in, so no paper shows between fill and ink.
    expect(at(80, 50)[3]).toBe(255);
    // Shading: the paper is flattened and its grain left out, so plain paper inside a region multiplies by white.
    const s = layers.shading;
    let white = 0;
    let inside = 0;
    for (let y = 60; y < 170; y++) {
      for (let x = 60; x < 150; x++) {
        inside++;
        if (s.data[(y * s.width + x) * 4] === 255) white++;
      }
    }
    expect(white / inside).toBeGreaterThan(0.95);
  });

  it('takes the fills from a coloured sketch, and the background from the paper when asked', async () => {
    const coloured = drawingSvg().replace('<g stroke', '<rect x="52" y="52" width="376" height="126" fill="#e89a90"/><g stroke');
    const sketch = await cleanSketch(await photographedSketch(0, coloured), { thicken: 0, minSpeck: 12, deskew: true });
    const layers = buildLayers(sketch, PALETTE, 'sketch');
    expect(layers.colouredSource).toBe(true);
    const f = layers.flat;
    const o = (90 * f.width + 80) * 4;
    const [r, g, b] = [f.data[o]!, f.data[o + 1]!, f.data[o + 2]!];
    expect(r).toBeGreaterThan(g + 60);
    expect(r).toBeGreaterThan(b + 60);
    const bg = layers.background.data;
    // The paper's colour: warm (the fixture tints red up, blue down) and not pure white.
    expect(bg[0]!).toBeGreaterThan(bg[2]!);
    expect(bg[2]!).toBeLessThan(255);
  });
});
