import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { contactGrid, cropToAspect, normaliseUpload, thumbnail, watermark } from '../../src/workers/media/image/index.js';
import { tempDir } from './helpers.js';

const dir = tempDir('image');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const solid = (w: number, h: number, r: number, g: number, b: number): Promise<Buffer> =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r, g, b } } }).png().toBuffer();

async function pixel(file: string, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 3;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

/** Share of pixels in a rectangle that differ from a flat colour by more than 30 in any channel. */
async function changedShare(file: string, rect: { left: number; top: number; width: number; height: number }, base: number): Promise<number> {
  const data = await sharp(file).removeAlpha().extract(rect).raw().toBuffer();
  let n = 0;
  for (let i = 0; i < data.length; i += 3) if (Math.abs(data[i]! - base) > 30 || Math.abs(data[i + 1]! - base) > 30) n++;
  return n / (data.length / 3);
}

/** A PNG chunk with its CRC. */
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

describe('image operations', () => {
  it('normalises an upload: EXIF rotation applied, PNG of at most 2 MB', async () => {
    // Noise compresses terribly: as PNG this would be ~5 MB, so the size must step down.
    const noise = crypto.randomBytes(1500 * 1100 * 3);
    const jpeg = await sharp(noise, { raw: { width: 1500, height: 1100, channels: 3 } }).jpeg({ quality: 80 }).withMetadata({ orientation: 6 }).toBuffer();
    expect(jpeg.length).toBeLessThan(10 * 1024 * 1024);
    const r = await normaliseUpload(jpeg, { outPath: path.join(dir, 'upload.png') });
    expect(r.format).toBe('png');
    expect(r.bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(fs.statSync(r.path).size).toBe(r.bytes);
    expect(r.height).toBeGreaterThan(r.width); // orientation 6 = rotate 90°: portrait
    const meta = await sharp(r.path).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([r.width, r.height]);
  });

  it('refuses uploads over 10 MB and decompression bombs', async () => {
    await expect(normaliseUpload(Buffer.alloc(11 * 1024 * 1024, 1), { outPath: path.join(dir, 'big.png') })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    // A ~120 KB PNG that declares 30000×30000 pixels (900 megapixels).
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(30000, 0);
    ihdr.writeUInt32BE(30000, 4);
    ihdr[8] = 1; // 1-bit greyscale
    const rows = Buffer.alloc((1 + 30000 / 8) * 2000); // deflates to almost nothing; the rest is simply missing
    const bomb = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
    expect(bomb.length).toBeLessThan(200_000);
    const bombFile = path.join(dir, 'bomb.png');
    fs.writeFileSync(bombFile, bomb);
    await expect(normaliseUpload(bombFile, { outPath: path.join(dir, 'bomb-out.png') })).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE', message: expect.stringMatching(/100 megapixels/) });
    await expect(thumbnail(bombFile, { outPath: path.join(dir, 'bomb-thumb.jpg') })).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
    expect(fs.existsSync(path.join(dir, 'bomb-out.png'))).toBe(false);
  });

  it('crops to an aspect (cover) or pads to it (contain)', async () => {
    const src = await solid(1000, 1000, 200, 100, 50);
    const cover = await cropToAspect(src, { aspect: '9:16', outPath: path.join(dir, 'cover.png') });
    expect([cover.width, cover.height]).toEqual([563, 1000]);
    const contain = await cropToAspect(src, { aspect: '16:9', fit: 'contain', outPath: path.join(dir, 'contain.png'), background: '#000000' });
    expect([contain.width, contain.height]).toEqual([1778, 1000]);
    expect(await pixel(contain.path, 5, 500)).toEqual([0, 0, 0]); // the pad
    expect(await pixel(contain.path, 889, 500)).toEqual([200, 100, 50]); // the picture
  });

  it('watermarks a corner, or tiles the watermark across the image for the free tier', async () => {
    const src = await solid(600, 400, 128, 128, 128);
    const corner = await watermark(src, { text: 'KingJam Studio', position: 'bottom-right', outPath: path.join(dir, 'wm.png') });
    expect(await changedShare(corner.path, { left: 300, top: 330, width: 300, height: 70 }, 128)).toBeGreaterThan(0.01);
    expect(await changedShare(corner.path, { left: 0, top: 0, width: 300, height: 200 }, 128)).toBe(0);
    const logo = await solid(80, 80, 230, 30, 30);
    const withLogo = await watermark(src, { logo, position: 'top-left', outPath: path.join(dir, 'wm-logo.png'), opacity: 1 });
    expect((await pixel(withLogo.path, 30, 30))[0]).toBeGreaterThan(200);
    const tiled = await watermark(src, { text: '免費版 KingJam', tiled: true, outPath: path.join(dir, 'wm-tiled.png') });
    for (const [left, top] of [[0, 0], [300, 0], [0, 200], [300, 200]] as const) {
      expect(await changedShare(tiled.path, { left, top, width: 300, height: 200 }, 128)).toBeGreaterThan(0.008);
    }
  });

  it('lays four variants in a numbered 2×2 grid, with provenance XMP', async () => {
    const colours: Array<[number, number, number]> = [[250, 250, 0], [0, 200, 0], [0, 0, 250], [0, 200, 200]];
    const inputs = await Promise.all(colours.map(([r, g, b]) => solid(300, 400, r, g, b)));
    const grid = await contactGrid(inputs, { cell: { width: 200, height: 250 }, gap: 10, outPath: path.join(dir, 'grid.png') });
    expect([grid.width, grid.height]).toEqual([2 * 200 + 3 * 10, 2 * 250 + 3 * 10]);
    for (const [i, [r, g, b]] of colours.entries()) {
      const left = 10 + (i % 2) * 210;
      const top = 10 + Math.floor(i / 2) * 260;
      expect(await pixel(grid.path, left + 150, top + 200)).toEqual([r, g, b]); // the variant
      // Inside the red number badge (a 24 px circle at 6 px in), left of its digit: the digit's width depends on the font installed.
      const [br, bg] = await pixel(grid.path, left + 6 + 4, top + 6 + 12);
      expect(br).toBeGreaterThan(180);
      expect(bg).toBeLessThan(120);
    }
    const xmp = (await sharp(grid.path).metadata()).xmp?.toString('utf8') ?? '';
    expect(xmp).toContain('trainedAlgorithmicMedia');
    await expect(contactGrid(inputs.slice(0, 3), { outPath: path.join(dir, 'g3.png') })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('makes thumbnails without enlarging', async () => {
    const t = await thumbnail(await solid(1000, 500, 10, 20, 30), { size: 320, outPath: path.join(dir, 'thumb.jpg') });
    expect([t.width, t.height, t.format]).toEqual([320, 160, 'jpeg']);
    const small = await thumbnail(await solid(100, 50, 10, 20, 30), { size: 320, outPath: path.join(dir, 'thumb.webp') });
    expect([small.width, small.height, small.format]).toEqual([100, 50, 'webp']);
  });
});
