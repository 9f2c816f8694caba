import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';

/**
 * The caption fonts. Shipped in resources/fonts (copied there from their npm
 * packages by scripts/copy-fonts.mjs, run by `npm run build`) so captions
 * never depend on the fonts of the machine — the reason other tools draw CJK
 * and emoji as boxes:
 * - Noto Sans TC: Traditional Chinese shapes (Taiwan);
 * - Noto Sans SC: Simplified Chinese, and every other CJK ideograph;
 * - Noto Emoji: outline emoji, which libass can draw (colour emoji fonts it cannot).
 * Noto Sans CJK from the system (Debian's fonts-noto-cjk) is a fallback for
 * characters none of those has (Hangul), never a requirement.
 *
 * libass does not fall back from one font in fontsdir to another unless the
 * system's fontconfig knows them (measured: with an empty fontconfig, SC-only
 * characters and emoji in a TC-styled line render as boxes), so every
 * character's face is chosen here and written into the ASS as \fn runs.
 */
export interface CaptionFace {
  /** Absolute path of the font file (a collection for the system fallback). */
  file: string;
  /** The family libass selects by \fn. */
  family: string;
  /** The face inside a collection; null for single-face files. */
  postscript: string | null;
  source: 'bundled' | 'system';
}

export interface CaptionFonts {
  /** In order of preference: Traditional, Simplified, emoji, system fallback. */
  faces: CaptionFace[];
}

const BUNDLED: ReadonlyArray<{ file: string; family: string }> = [
  { file: 'NotoSansTC-Regular.ttf', family: 'Noto Sans TC' },
  { file: 'NotoSansSC-Regular.ttf', family: 'Noto Sans SC' },
  { file: 'NotoEmoji-Regular.ttf', family: 'Noto Emoji' },
];
const TRADITIONAL = 'Noto Sans TC';
const SIMPLIFIED = 'Noto Sans SC';

const SYSTEM_FILE = 'NotoSansCJK-Regular.ttc';
/** Where fonts-noto-cjk (and Fedora/Arch's equivalents) put the collection. KINGJAM_SYSTEM_FONT_DIRS replaces the list ("" = none). */
const DEFAULT_SYSTEM_FONT_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'];

function systemFontDirs(): string[] {
  const env = process.env.KINGJAM_SYSTEM_FONT_DIRS;
  if (env === undefined) return DEFAULT_SYSTEM_FONT_DIRS;
  return env.split(path.delimiter).filter((d) => d.length > 0);
}

function findResourcesDir(): string | null {
  if (process.env.KINGJAM_RESOURCES) return process.env.KINGJAM_RESOURCES;
  // Walk up from this module (src/… under tsx, dist/… when built) to the folder holding resources/.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'resources');
    if (fs.existsSync(path.join(candidate, 'fonts'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/** resources/fonts, where the build puts the bundled fonts; null when there is no resources folder. */
export function bundledFontsDir(): string | null {
  const resources = findResourcesDir();
  return resources ? path.join(resources, 'fonts') : null;
}

const resolved = new Map<string, CaptionFonts>();

/** The caption faces present on this machine: the bundled ones first. FONT_MISSING when no Chinese face is found at all. */
export function resolveCaptionFonts(): CaptionFonts {
  const bundledDir = bundledFontsDir();
  const systemDirs = systemFontDirs();
  const key = `${bundledDir ?? ''}\0${systemDirs.join('\0')}`;
  const hit = resolved.get(key);
  if (hit) return hit;

  const faces: CaptionFace[] = [];
  if (bundledDir) {
    for (const b of BUNDLED) {
      const file = path.join(bundledDir, b.file);
      if (fs.existsSync(file)) faces.push({ file, family: b.family, postscript: null, source: 'bundled' });
    }
  }
  const system = systemDirs.map((d) => path.join(d, SYSTEM_FILE)).find((f) => fs.existsSync(f));
  if (system) faces.push({ file: system, family: 'Noto Sans CJK SC', postscript: 'NotoSansCJKsc-Regular', source: 'system' });

  if (!faces.some((f) => f.family !== 'Noto Emoji')) {
    const looked = [...(bundledDir ? [bundledDir] : []), ...systemDirs].join(', ');
    throw new StudioError({
      code: 'FONT_MISSING',
      message: `The caption fonts (${BUNDLED.map((b) => b.file).join(', ')}) were not found (looked in ${looked || 'no folder'}).`,
      hint: 'Run `npm run build` (it copies the fonts from their npm packages into resources/fonts), or set KINGJAM_RESOURCES to the folder holding fonts/.',
      ...say('font.missing', { files: BUNDLED.map((b) => b.file).join(', ') }),
    });
  }
  const fonts = { faces };
  resolved.set(key, fonts);
  return fonts;
}

const opened = new Map<string, fontkit.Font>();

function glyphFont(face: CaptionFace): fontkit.Font {
  const hit = opened.get(face.file);
  if (hit) return hit;
  const file = fontkit.openSync(face.file);
  const font = 'fonts' in file ? file.getFont(face.postscript ?? '') : file;
  if (!font) {
    const name = face.postscript ?? face.family;
    throw new StudioError({ code: 'FONT_MISSING', message: `${face.file} does not contain the face ${name}.`, ...say('font.faceMissing', { file: path.basename(face.file), face: name }) });
  }
  opened.set(face.file, font);
  return font;
}

/** Characters that need no glyph: line breaks and the invisible formatting marks. */
function needsGlyph(cp: number): boolean {
  if (cp === 0x0a || cp === 0x0d || cp === 0x09) return false;
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff) return false;
  if (cp >= 0xfe00 && cp <= 0xfe0f) return false; // variation selectors
  return true;
}

function has(face: CaptionFace, cp: number): boolean {
  return glyphFont(face).hasGlyphForCodePoint(cp);
}

/**
 * The faces to try for one caption, best first. A caption with a character
 * Noto Sans TC lacks but Noto Sans SC has (a simplified form) is Simplified
 * Chinese and is drawn wholly in SC shapes; any other is drawn in TC shapes.
 * Deciding per caption, not per character, keeps one caption in one style.
 */
function facesFor(text: string, fonts: CaptionFonts): CaptionFace[] {
  const tc = fonts.faces.find((f) => f.family === TRADITIONAL);
  const sc = fonts.faces.find((f) => f.family === SIMPLIFIED);
  if (!tc || !sc) return fonts.faces;
  const simplified = [...text].some((ch) => {
    const cp = ch.codePointAt(0)!;
    return needsGlyph(cp) && !has(tc, cp) && has(sc, cp);
  });
  return simplified ? [sc, ...fonts.faces.filter((f) => f !== sc)] : fonts.faces;
}

/** A stretch of text drawn with one face. */
export interface FaceRun {
  face: CaptionFace;
  text: string;
}

/**
 * Splits a caption (or one line of it, with `whole` the caption it belongs
 * to) into runs, each drawn with the first face that has its characters.
 * Invisible marks (ZWJ, variation selectors) stay with the run before them.
 */
export function faceRuns(text: string, fonts: CaptionFonts, whole: string = text): FaceRun[] {
  const order = facesFor(whole, fonts);
  const runs: FaceRun[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = runs[runs.length - 1];
    const face = needsGlyph(cp) ? (order.find((f) => has(f, cp)) ?? order[0]!) : (last?.face ?? order[0]!);
    if (last && last.face === face) last.text += ch;
    else runs.push({ face, text: ch });
  }
  return runs;
}

/** The face a caption is styled with (the one its first runs use unless \fn says otherwise). */
export function primaryFace(text: string, fonts: CaptionFonts): CaptionFace {
  return facesFor(text, fonts)[0]!;
}

/** The distinct characters of `text` no caption face has a glyph for, in order of first appearance. */
export function missingGlyphs(text: string, fonts: CaptionFonts = resolveCaptionFonts()): string[] {
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (needsGlyph(cp) && !fonts.faces.some((f) => has(f, cp))) missing.add(ch);
  }
  return [...missing];
}

/**
 * Checks every text against the fonts before anything is rendered; fails with
 * the missing characters and where they are, so the user can edit them out.
 */
export function assertGlyphCoverage(texts: Array<{ field: string; text: string }>, fonts: CaptionFonts = resolveCaptionFonts()): void {
  for (const { field, text } of texts) {
    const missing = missingGlyphs(text, fonts);
    if (missing.length > 0) {
      const shown = missing.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
      throw new StudioError({
        code: 'GLYPH_MISSING',
        field,
        message: `The caption fonts (${fonts.faces.map((f) => f.family).join(', ')}) have no glyph for ${shown} in ${field}.`,
        hint: 'Remove or replace those characters (rare symbols and the newest emoji are not supported in burned-in captions).',
        ...say('font.noGlyph', { chars: missing.join(' '), field }),
      });
    }
  }
}
