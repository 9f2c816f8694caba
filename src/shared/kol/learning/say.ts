import type { Localized } from '../../messages.js';
import type { Language } from '../../settings.js';
import { inEnglish as publishEnglish } from '../../publish/english.js';
import { kolLearnText } from './texts.js';

/** A learning or engagement message in the user's language (the CLI); any other key as publishing says it in English. */
export function learnSay(language: Language, message: Localized): { text: string; hint: string | null } {
  const key = `msg.${message.key}`;
  if (!kolLearnText.has(key)) return publishEnglish(message);
  const hintKey = `${key}.hint`;
  return { text: kolLearnText.say(language, key, message.params), hint: kolLearnText.has(hintKey) ? kolLearnText.say(language, hintKey, message.params) : null };
}
