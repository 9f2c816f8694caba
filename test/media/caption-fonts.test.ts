import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeTimeline } from '../../src/workers/media/compose/index.js';
import { assEscape, buildAss } from '../../src/workers/media/compose/subtitles.js';
import { missingGlyphs, resolveCaptionFonts } from '../../src/workers/media/fonts.js';
import type { CaptionFonts } from '../../src/workers/media/fonts.js';
import { ff, grayFrame, lavfiImage, meanDiff, tempDir } from './helpers.js';

/**
 * Captions are drawn with the fonts the build bundles (npm → resources/fonts),
 * with the machine's fonts hidden: the resolver is told there are no system
 * font folders, and ffmpeg's fontconfig is given an empty configuration.
 */
const dir = tempDir('caption-fonts');
const W = 480;
const H = 160;
const saved = { fc: process.env.FONTCONFIG_FILE, sys: process.env.KINGJAM_SYSTEM_FONT_DIRS };
let fonts: CaptionFonts;

beforeAll(() => {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/copy-fonts.mjs', import.meta.url))], { stdio: 'ignore' });
  const conf = path.join(dir, 'empty-fonts.conf');
  fs.writeFileSync(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>${path.join(dir, 'fc-cache')}</cachedir></fontconfig>\n`);
  process.env.FONTCONFIG_FILE = conf;
  process.env.KINGJAM_SYSTEM_FONT_DIRS = '';
  fonts = resolveCaptionFonts();
});
afterAll(() => {
  for (const [key, value] of [['FONTCONFIG_FILE', saved.fc], ['KINGJAM_SYSTEM_FONT_DIRS', saved.sys]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

let renders = 0;
/** One caption drawn by ffmpeg's libass from the ASS the compose code writes, on black, as grey pixels. */
function render(text: string): Uint8Array {
  const n = renders++;
  const ass = buildAss([{ start: 0, end: 5, text }], {
    width: W,
    height: H,
    fonts,
    style: { position: 'middle', color: '#FFFFFF', outline: '#000000', size: 48 },
    watermark: undefined,
    durationSec: 5,
  });
  const assFile = path.join(dir, `c${n}.ass`);
  fs.writeFileSync(assFile, ass);
  const fontsDir = path.join(dir, `fonts${n}`);
  fs.mkdirSync(fontsDir);
  for (const f of fonts.faces) fs.symlinkSync(f.file, path.join(fontsDir, path.basename(f.file)));
  const raw = path.join(dir, `c${n}.gray`);
  ff(['-f', 'lavfi', '-i', `color=c=black:s=${W}x${H}:d=1`, '-vf', `subtitles=filename=${assFile}:fontsdir=${fontsDir}`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', raw]);
  return new Uint8Array(fs.readFileSync(raw));
}

/** Bounding box of the bright (glyph) pixels. */
function ink(px: Uint8Array, width = W, height = H, y0 = 0, y1 = height): { count: number; w: number; h: number } {
  let count = 0;
  let minX = width;
  let maxX = -1;
  let minY = height;
  let maxY = -1;
  for (let y = y0; y < y1; y++) {
    for (let x = 0; x < width; x++) {
      if (px[y * width + x]! > 160) {
        count++;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  return { count, w: maxX - minX + 1, h: maxY - minY + 1 };
}

describe('caption fonts bundled through npm', () => {
  it('resolves only the bundled faces when the system fonts are hidden, covering Traditional, Simplified and emoji', () => {
    expect(fonts.faces.map((f) => [f.family, f.source])).toEqual([
      ['Noto Sans TC', 'bundled'],
      ['Noto Sans SC', 'bundled'],
      ['Noto Emoji', 'bundled'],
    ]);
    expect(missingGlyphs('繁體中文：臺灣的龜與鬱 简体中文：这里的龟与郁 😀🎉🧧❤️👍🇹🇼 ABC 123')).toEqual([]);
    expect(missingGlyphs('𓀀')).toEqual(['𓀀']);
  });

  it('says which fonts are missing, by message key, when neither the bundled nor a system face is found', () => {
    const savedResources = process.env.KINGJAM_RESOURCES;
    process.env.KINGJAM_RESOURCES = tempDir('no-fonts');
    try {
      expect(() => resolveCaptionFonts()).toThrow(
        expect.objectContaining({ code: 'FONT_MISSING', key: 'font.missing', params: { files: expect.stringContaining('NotoSansTC') } }),
      );
    } finally {
      if (savedResources === undefined) delete process.env.KINGJAM_RESOURCES;
      else process.env.KINGJAM_RESOURCES = savedResources;
    }
  });

  it('draws Traditional text in TC shapes, Simplified in SC, emoji in Noto Emoji (\\fn runs in the ASS)', () => {
    const dialogue = (text: string): string => buildAss([{ start: 0, end: 1, text }], { width: W, height: H, fonts, style: { position: 'bottom', color: '#FFFFFF', outline: '#000000' }, watermark: undefined, durationSec: 1 }).split('\n').find((l) => l.startsWith('Dialogue:'))!;
    expect(dialogue('繁體中文')).toMatch(/,,繁體中文$/); // the style's face, Noto Sans TC
    expect(dialogue('简体中文')).toMatch(/,,\{\\fnNoto Sans SC\}简体中文$/);
    expect(dialogue('新年😀快樂')).toMatch(/,,新年\{\\fnNoto Emoji\}😀\{\\fnNoto Sans TC\}快樂$/);
  });

  it('renders 繁體 and 简体 glyphs and emoji, none of them as the missing-glyph box', () => {
    const tofu = render('𓀀'); // no caption face has it: libass draws the .notdef box
    const tofuInk = ink(tofu);
    expect(tofuInk.count).toBeGreaterThan(0);
    const shots = ['體', '体', '简', '😀', '🎉', '🧧'].map((ch) => ({ ch, px: render(ch) }));
    for (const { ch, px } of shots) {
      expect(ink(px).count, `${ch} has ink`).toBeGreaterThan(50);
      expect(meanDiff(px, tofu, W, H), `${ch} is not the missing-glyph box`).toBeGreaterThan(1);
    }
    // Two missing glyphs draw the same box; two real emoji draw different shapes.
    expect(meanDiff(render('𓁐'), tofu, W, H)).toBeLessThan(0.05);
    expect(meanDiff(shots[3]!.px, shots[4]!.px, W, H)).toBeGreaterThan(1);
  });

  it('burns 繁體, 简体 and emoji captions into a real render with the system fonts hidden', async () => {
    lavfiImage(path.join(dir, 'black.png'), 'color=c=black:s=320x320');
    const captions = ['繁體中文字幕', '简体中文字幕', '😀', '🎉'];
    const res = await composeTimeline(
      { version: 1, aspect: '1:1', height: 320, quality: 'draft', subtitles: { size: 40 }, scenes: captions.map((caption) => ({ image: 'black.png', duration: 1, caption })) },
      { baseDir: dir, outPath: path.join(dir, 'out', 'captions.mp4') },
    );
    const frames = captions.map((_, i) => grayFrame(res.output, i + 0.5, 320, 320));
    for (const [i, f] of frames.entries()) expect(ink(f, 320, 320, Math.floor(320 * 0.6), 320).count, captions[i]).toBeGreaterThan(40);
    const region = { x0: 0.05, y0: 0.6, x1: 0.95, y1: 1 };
    expect(meanDiff(frames[0]!, frames[1]!, 320, 320, region)).toBeGreaterThan(1);
    expect(meanDiff(frames[2]!, frames[3]!, 320, 320, region)).toBeGreaterThan(1);
  });
});

describe('caption text is drawn literally (issue 11 §2.12)', () => {
  it('escapes backslashes and braces so libass reads no override or line break', () => {
    expect(assEscape('a\\Nb')).toBe('a\\\u2060Nb');
    expect(assEscape('\\\\')).toBe('\\\u2060\\\u2060');
    expect(assEscape('{\\b1}')).toBe('\\{\\\u2060b1\\}');
  });

  it('renders a backslash and the text \\N on one line, at their full width', () => {
    const literal = ink(render('a\\Nb'));
    const plain = ink(render('a|Nb')); // "|" is as tall as "\" and about as wide
    // Today's escaping drew "a\" and "b" on two lines.
    expect(literal.h).toBeLessThanOrEqual(plain.h + 2);
    expect(Math.abs(literal.w - plain.w)).toBeLessThanOrEqual(plain.w * 0.15);
    // Two backslashes are two glyphs, and braces are drawn, not read as an override block.
    expect(ink(render('x\\\\y')).w).toBeGreaterThan(ink(render('x\\y')).w);
    expect(ink(render('{\\b1}x')).w).toBeGreaterThan(ink(render('x')).w * 3);
  });
});
