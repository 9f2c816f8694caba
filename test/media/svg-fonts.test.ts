import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watermark } from '../../src/workers/media/image/index.js';
import { tempDir } from './helpers.js';

/**
 * Text that sharp draws (watermarks, contact sheets, offline drafts) uses the
 * bundled fonts on a machine whose fontconfig knows no font at all. A missing
 * glyph would be drawn as a box (pango's hex box); the real "一" is one flat
 * stroke and "丨" one tall one, which a box is not.
 */
const dir = tempDir('svg-fonts');
const saved = process.env.FONTCONFIG_FILE;

beforeAll(() => {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/copy-fonts.mjs', import.meta.url))], { stdio: 'ignore' });
  const conf = path.join(dir, 'empty-fonts.conf');
  fs.writeFileSync(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>${path.join(dir, 'fc-cache')}</cachedir></fontconfig>\n`);
  process.env.FONTCONFIG_FILE = conf; // this test file's process has drawn no text yet
});
afterAll(() => {
  if (saved === undefined) delete process.env.FONTCONFIG_FILE;
  else process.env.FONTCONFIG_FILE = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function inkBox(text: string): Promise<{ w: number; h: number; count: number }> {
  const black = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#000000' } }).png().toBuffer();
  const out = path.join(dir, `wm-${Buffer.from(text).toString('hex')}.png`);
  await watermark(black, { text, position: 'bottom-right', opacity: 1, outPath: out });
  const { data, info } = await sharp(out).greyscale().raw().toBuffer({ resolveWithObject: true });
  let minX = info.width;
  let maxX = -1;
  let minY = info.height;
  let maxY = -1;
  let count = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! > 200) {
        count++;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  return { w: maxX - minX + 1, h: maxY - minY + 1, count };
}

describe('SVG text through sharp uses the bundled fonts', () => {
  it('draws the real 一 and 丨 glyphs, not missing-glyph boxes, with no system font known', async () => {
    const flat = await inkBox('一');
    const tall = await inkBox('丨');
    expect(flat.count).toBeGreaterThan(10);
    expect(flat.h * 3).toBeLessThan(flat.w);
    expect(tall.w * 3).toBeLessThan(tall.h);
    // Traditional and Simplified forms of one character are different glyphs.
    expect((await inkBox('體')).count).not.toBe((await inkBox('体')).count);
  });
});
