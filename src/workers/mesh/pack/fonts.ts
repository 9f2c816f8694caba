import fs from 'node:fs';
import path from 'node:path';
import type { Language } from '../../../shared/settings.js';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import { bundledFontsDir } from '../../media/fonts.js';

/**
 * The spec sheet's font: the Noto Sans the studio ships (resources/fonts,
 * copied there by scripts/copy-fonts.mjs) — Traditional shapes for zh-TW and
 * English, Simplified for zh-CN — so the PDF never depends on the fonts of
 * the machine or of the factory that opens it (the whole font is not
 * embedded, only the glyphs used).
 */
export function specSheetFont(language: Language): Buffer {
  const file = language === 'zh-CN' ? 'NotoSansSC-Regular.ttf' : 'NotoSansTC-Regular.ttf';
  const dir = bundledFontsDir();
  const full = dir ? path.join(dir, file) : null;
  if (!full || !fs.existsSync(full)) {
    throw new StudioError({
      code: 'FONT_MISSING',
      message: `The spec sheet's font ${file} was not found (looked in ${dir ?? 'no resources folder'}).`,
      hint: 'Run `npm run build` (it copies the fonts into resources/fonts), or set KINGJAM_RESOURCES to the folder holding fonts/.',
      ...say('font.missing', { files: file }),
    });
  }
  return fs.readFileSync(full);
}
