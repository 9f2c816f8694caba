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
