import { PHOTO_LINES } from '../../../shared/photo/estimate.js';
import type { Estimate } from '../../../shared/pricing.js';
import { en } from '../../i18n/locales/en.js';
import type { MessageKey, Translate } from '../../i18n/index.js';

function known(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * A message key main sent (a check's problem, a failed variant's reason, why
 * no free photo is left) as the sentence and, where the message has one, how
 * to fix it — in the user's language; null parts when the key is not known here.
 */
export function keyText(key: string, params: Record<string, string | number>, t: Translate): { text: string | null; hint: string | null } {
  const text = `msg.${key}`;
  const hint = `msg.${key}.hint`;
  return { text: known(text) ? t(text, params) : null, hint: known(hint) ? t(hint, params) : null };
}

/** The photo lines' texts by the labels main gives them (src/shared/photo/estimate.ts); their words live in the `photoonline` family. */
const LINE_KEYS: Record<string, MessageKey> = {
  [PHOTO_LINES.variants]: 'photoonline.line.variants',
  [PHOTO_LINES.replacement]: 'photoonline.line.replacement',
  [PHOTO_LINES.localPack]: 'photoonline.line.localPack',
  [PHOTO_LINES.motion]: 'photoonline.line.motion',
  [PHOTO_LINES.repair]: 'photoonline.line.repair',
};

/**
 * An estimate with its photo lines named in the user's language (main labels
 * them `photo.variants`, `photo.localPack`…); other lines keep their labels
 * for the estimate panel to name.
 */
export function withLineNames(estimate: Estimate, t: Translate): Estimate {
  return {
    ...estimate,
    lines: estimate.lines.map((line) => {
      if (!line.label.startsWith('photo.')) return line;
      const key = LINE_KEYS[line.label];
      return { ...line, label: t(key ?? 'photo.line.other') };
    }),
  };
}
