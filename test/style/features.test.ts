import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { deltaE, hexToRgb, rgbToLab } from '../../src/shared/style/colour.js';
import { DRIFT_THRESHOLD, hamming, scoreImage, type ScoreReference } from '../../src/shared/style/score.js';
import { extractFeatures } from '../../src/workers/style/extract.js';
import { measureImage } from '../../src/workers/style/measure.js';
import { composeWriting } from '../../src/workers/style/compose.js';
import { blocks, flatStyle, neonStyle, noisyPhoto, PICTURE_BOOK, recoloured } from './fixtures.js';

/**
 * The measured features on images made for the purpose: a known palette
 * comes back as that palette, known strokes as their width, the pHash holds
 * through a re-encode, and the consistency score separates a style's new
 * images from images outside it by a stated margin.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-style-features-'));
const labOf = (hex: string) => rgbToLab(...hexToRgb(hex));

/** Stated tolerance: each known colour is found within this ΔE (CIE76; 2.3 is a just-noticeable difference). */
const PALETTE_DE = 2.5;
/** Stated margin: every in-style image scores at least this much above every out-of-style one. */
const MARGIN = 30;

describe('palette extraction', () => {
  it('images drawn only in five known colours give back those five colours, with their share of the pixels', async () => {
    const files = await Promise.all([1, 2, 3].map((s) => blocks(dir, `blocks-${s}.png`, PICTURE_BOOK, s)));
    const { palette } = await extractFeatures(files);
    expect(palette).toHaveLength(5);
    for (const hex of PICTURE_BOOK) {
      const nearest = Math.min(...palette.map((c) => deltaE(c.lab, labOf(hex))));
      expect(nearest, hex).toBeLessThan(PALETTE_DE);
    }
    expect(palette.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 3);
    // Each colour is drawn in at least 1 of 36 cells, so no weight is below ~2.7 %.
    for (const c of palette) expect(c.weight).toBeGreaterThan(0.02);
  });

  it('anti-aliased vector art in the picture-book palette gives the palette too (5 colours, each within ΔE 2.5)', async () => {
    const files = await Promise.all([1, 2, 3, 4].map((s) => flatStyle(dir, `flat-${s}.png`, s)));
    const f = await extractFeatures(files);
    expect(f.palette.length).toBeGreaterThanOrEqual(5);
    expect(f.palette.length).toBeLessThanOrEqual(8);
    for (const hex of PICTURE_BOOK) expect(Math.min(...f.palette.map((c) => deltaE(c.lab, labOf(hex)))), hex).toBeLessThan(PALETTE_DE);
    // A cream ground: high-key and warm.
    expect(f.lighting.meanLuminance).toBeGreaterThan(65);
    expect(f.lighting.keyBalance).toBeGreaterThan(0.3);
    expect(f.lighting.warmth).toBeGreaterThan(0.1);
    expect(f.images.map((i) => i.phash)).toHaveLength(4);
    const words = composeWriting(f, 'zh-TW');
    expect(words.promptFragment).toContain('#fefae0');
    expect(words.promptFragment).toContain('高調光線');
    expect(composeWriting(f, 'zh-TW')).toEqual(words);
  });
});

describe('lines and structure', () => {
  async function strokes(name: string, width: number): Promise<string> {
    const lines = Array.from({ length: 6 }, (_, i) => `<line x1="40" y1="${60 + i * 75}" x2="472" y2="${60 + i * 75}" stroke="#000" stroke-width="${width}"/>`).join('');
    const file = path.join(dir, name);
    await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><rect width="100%" height="100%" fill="#fff"/>${lines}</svg>`)).png().toFile(file);
    return file;
  }

  it('estimates the stroke width (in px at 256 px) within one pixel, and a heavier line reads thicker and denser in edges', async () => {
    const thin = (await measureImage(await strokes('thin.png', 4))).features.lines;
    const bold = (await measureImage(await strokes('bold.png', 16))).features.lines;
    expect(Math.abs(thin.lineThicknessPx - 2)).toBeLessThanOrEqual(1);
    expect(Math.abs(bold.lineThicknessPx - 8)).toBeLessThanOrEqual(1);
    expect(bold.edgeDensity).toBeGreaterThan(0);
    expect(thin.meanEdgeStrength).toBeGreaterThan(0.2);
  });

  it('the pHash survives a resize and a JPEG re-encode; two different images differ in many bits', async () => {
    const a = await flatStyle(dir, 'hash-a.png', 7);
    const b = await flatStyle(dir, 'hash-b.png', 8);
    const small = path.join(dir, 'hash-a-small.jpg');
    await sharp(a).resize(300).jpeg({ quality: 70 }).toFile(small);
    const [ha, hb, hs] = await Promise.all([a, b, small].map(async (f) => (await measureImage(f)).features.phash));
    expect(ha).toMatch(/^[0-9a-f]{16}$/);
    expect(hamming(ha!, hs!)).toBeLessThanOrEqual(4);
    expect(hamming(ha!, hb!)).toBeGreaterThanOrEqual(12);
  });
});

describe('the consistency score', () => {
  let ref: ScoreReference;
  beforeAll(async () => {
    const f = await extractFeatures(await Promise.all([1, 2, 3, 4].map((s) => flatStyle(dir, `ref-${s}.png`, s))));
    ref = { palette: f.palette, lines: f.lines, hashes: f.images.map((i) => i.phash) };
  });

  const scores = async (make: (dir: string, name: string, seed: number) => Promise<string>, label: string) =>
    Promise.all([201, 202, 203, 204, 205, 206].map(async (seed) => scoreImage(ref, (await measureImage(await make(dir, `${label}-${seed}.png`, seed))).features)));

  it(`separates new images in the style from images outside it by at least ${MARGIN} points, with the drift flag on the right side`, async () => {
    const inStyle = await scores(flatStyle, 'in');
    const outside = [...(await scores(neonStyle, 'neon')), ...(await scores(recoloured, 'recoloured')), ...(await scores(noisyPhoto, 'photo'))];
    const lowestIn = Math.min(...inStyle.map((s) => s.score));
    const highestOut = Math.max(...outside.map((s) => s.score));
    expect(lowestIn - highestOut).toBeGreaterThanOrEqual(MARGIN);
    for (const s of inStyle) expect(s.drift).toBe(false);
    for (const s of outside) expect(s.drift).toBe(true);
    expect(lowestIn).toBeGreaterThanOrEqual(DRIFT_THRESHOLD);
    // The same shapes in another palette are caught by the palette part alone.
    const recol = await scores(recoloured, 'recoloured');
    for (const s of recol) expect(s.parts.palette).toBeLessThan(10);
  });

  it('a reference scores itself near the top: palette close, lines equal, structure identical', async () => {
    const self = scoreImage(ref, (await measureImage(path.join(dir, 'ref-1.png'))).features);
    expect(self.distances.hamming).toBe(0);
    expect(self.parts.structure).toBe(100);
    expect(self.score).toBeGreaterThan(85);
  });
});
