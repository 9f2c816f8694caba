import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';

/**
 * The caption font: Noto Sans CJK (SIL OFL 1.1), one collection that covers
 * Simplified and Traditional Chinese, Japanese kana, Hangul and Latin. It is
 * shipped in resources/fonts (copied there at build time from the Debian
 * package fonts-noto-cjk by scripts/copy-fonts.mjs) so captions never depend
 * on whatever fonts the user's machine has — the reason other tools draw CJK
 * as boxes.
 */
export const CAPTION_FONT_FILE = 'NotoSansCJK-Regular.ttc';
/** The face libass selects by family name; its glyph set is the same in every regional face. */
export const CAPTION_FONT_FAMILY = 'Noto Sans CJK SC';
export const CAPTION_FONT_POSTSCRIPT = 'NotoSansCJKsc-Regular';

/** Where fonts-noto-cjk puts the file, used when resources/fonts has not been populated (a dev checkout, a render box). */
const SYSTEM_FONT_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'];

export interface CaptionFont {
  /** Folder given to libass as fontsdir (holds only our font files). */
  dir: string;
  file: string;
  family: string;
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

let cached: CaptionFont | null = null;

export function resolveCaptionFont(): CaptionFont {
  if (cached) return cached;
  const dirs: string[] = [];
  const resources = findResourcesDir();
  if (resources) dirs.push(path.join(resources, 'fonts'));
  dirs.push(...SYSTEM_FONT_DIRS);
  for (const dir of dirs) {
    const file = path.join(dir, CAPTION_FONT_FILE);
    if (fs.existsSync(file)) {
      cached = { dir, file, family: CAPTION_FONT_FAMILY };
      return cached;
    }
  }
  throw new StudioError({
    code: 'FONT_MISSING',
    message: `The caption font ${CAPTION_FONT_FILE} was not found (looked in ${dirs.join(', ')}).`,
    hint: 'Run `node scripts/copy-fonts.mjs` after installing the Debian package fonts-noto-cjk, or set KINGJAM_RESOURCES to the folder holding fonts/.',
  });
}

let glyphFont: fontkit.Font | null = null;

function loadGlyphFont(file: string): fontkit.Font {
  if (glyphFont) return glyphFont;
  const opened = fontkit.openSync(file);
  const font = 'fonts' in opened ? opened.getFont(CAPTION_FONT_POSTSCRIPT) : opened;
  if (!font) {
    throw new StudioError({ code: 'FONT_MISSING', message: `${file} does not contain the face ${CAPTION_FONT_POSTSCRIPT}.` });
  }
  glyphFont = font;
  return font;
}

/** Characters that need no glyph: line breaks and the invisible formatting marks. */
function needsGlyph(cp: number): boolean {
  if (cp === 0x0a || cp === 0x0d || cp === 0x09) return false;
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0xfeff) return false;
  if (cp >= 0xfe00 && cp <= 0xfe0f) return false; // variation selectors
  return true;
}

/** The distinct characters of `text` the font has no glyph for, in order of first appearance. */
export function missingGlyphs(text: string, font: CaptionFont = resolveCaptionFont()): string[] {
  const f = loadGlyphFont(font.file);
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (needsGlyph(cp) && !f.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}

/**
 * Checks every text against the font before anything is rendered; fails with
 * the missing characters and where they are, so the user can edit them out.
 */
export function assertGlyphCoverage(texts: Array<{ field: string; text: string }>, font: CaptionFont = resolveCaptionFont()): void {
  for (const { field, text } of texts) {
    const missing = missingGlyphs(text, font);
    if (missing.length > 0) {
      const shown = missing.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
      throw new StudioError({
        code: 'GLYPH_MISSING',
        field,
        message: `The caption font (${font.family}) has no glyph for ${shown} in ${field}.`,
        hint: 'Remove or replace those characters (emoji and rare symbols are not supported in burned-in captions).',
        ...say('font.noGlyph', { chars: missing.join(' '), field }),
      });
    }
  }
}
