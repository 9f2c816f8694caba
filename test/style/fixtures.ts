import path from 'node:path';
import sharp from 'sharp';
import { mulberry32 } from '../../src/shared/random.js';

/**
 * Images made for the Style-Locker's tests, each drawn from a seed:
 * - `blocks`: only the given colours, in axis-aligned blocks written pixel by
 *   pixel (no anti-aliasing), so the true palette is known exactly;
 * - `flatStyle`: the "picture book" style — a cream ground, flat shapes in a
 *   five-colour palette, bold dark outlines (SVG, so a real rasteriser's edges);
 * - out of style: `neonStyle` (another palette, thin lines, dark ground) and
 *   `noisyPhoto` (smooth gradients with grain: no outlines, a photo's edges).
 */
export const PICTURE_BOOK = ['#fefae0', '#f4a261', '#2a9d8f', '#e9c46a', '#264653'] as const;
export const NEON = ['#0b0b1a', '#ff00aa', '#00ff66', '#00e5ff', '#ffe600'] as const;

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export async function blocks(dir: string, name: string, colours: readonly string[], seed: number, size = 240): Promise<string> {
  const rand = mulberry32(seed);
  const data = Buffer.alloc(size * size * 3);
  const cells = 6;
  const cell = size / cells;
  for (let cy = 0; cy < cells; cy++) {
    for (let cx = 0; cx < cells; cx++) {
      // Every colour appears; the rest of the cells are drawn at random.
      const i = cy * cells + cx;
      const c = rgb(colours[i < colours.length ? i : Math.floor(rand() * colours.length)]!);
      for (let y = cy * cell; y < (cy + 1) * cell; y++) for (let x = cx * cell; x < (cx + 1) * cell; x++) data.set(c, (y * size + x) * 3);
    }
  }
  const file = path.join(dir, name);
  await sharp(data, { raw: { width: size, height: size, channels: 3 } }).png().toFile(file);
  return file;
}

function shapes(rand: () => number, fills: readonly string[], stroke: string, strokeWidth: number, count: number, size: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    const fill = fills[Math.floor(rand() * fills.length)]!;
    const x = rand() * size * 0.8;
    const y = rand() * size * 0.8;
    const w = size * (0.12 + rand() * 0.3);
    out += rand() < 0.5
      ? `<circle cx="${x + w / 2}" cy="${y + w / 2}" r="${w / 2}" fill="${fill}" stroke="${stroke}" stroke-width="${strokeWidth}"/>`
      : `<rect x="${x}" y="${y}" width="${w}" height="${w * (0.6 + rand() * 0.8)}" rx="${w * 0.1}" fill="${fill}" stroke="${stroke}" stroke-width="${strokeWidth}"/>`;
  }
  return out;
}

async function svg(dir: string, name: string, body: string, background: string, size: number): Promise<string> {
  const file = path.join(dir, name);
  await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="${background}"/>${body}</svg>`)).png().toFile(file);
  return file;
}

export function flatStyle(dir: string, name: string, seed: number, size = 512): Promise<string> {
  const [ground, ...fills] = PICTURE_BOOK;
  return svg(dir, name, shapes(mulberry32(seed), fills, PICTURE_BOOK[4], 10, 7, size), ground, size);
}

export function neonStyle(dir: string, name: string, seed: number, size = 512): Promise<string> {
  const [ground, ...fills] = NEON;
  return svg(dir, name, shapes(mulberry32(seed), fills, '#ffffff', 1, 14, size), ground, size);
}

/** The picture-book shapes in the neon palette: the same kind of structure and lines, another palette. */
export function recoloured(dir: string, name: string, seed: number, size = 512): Promise<string> {
  const [ground, ...fills] = NEON;
  return svg(dir, name, shapes(mulberry32(seed), fills, NEON[1], 10, 7, size), ground, size);
}

export async function noisyPhoto(dir: string, name: string, seed: number, size = 512): Promise<string> {
  const rand = mulberry32(seed);
  const data = Buffer.alloc(size * size * 3);
  const [r0, g0, b0] = [rand() * 255, rand() * 255, rand() * 255];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const t = (x + y) / (2 * size);
      const grain = (rand() - 0.5) * 90;
      data[(y * size + x) * 3] = Math.max(0, Math.min(255, r0 * (1 - t) + 40 * t + grain));
      data[(y * size + x) * 3 + 1] = Math.max(0, Math.min(255, g0 * t + 90 * (1 - t) + grain));
      data[(y * size + x) * 3 + 2] = Math.max(0, Math.min(255, b0 + grain));
    }
  }
  const file = path.join(dir, name);
  await sharp(data, { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: 85 }).toFile(file);
  return file;
}
