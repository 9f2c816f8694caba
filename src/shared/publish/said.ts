import type { Localized } from '../messages.js';
import type { Language } from '../settings.js';
import { PUBLISH_ENGLISH, saidFrom } from './english.js';
import { BULK_ZH_CN, BULK_ZH_TW, POST_ZH_CN, POST_ZH_TW } from './texts-zh.js';

/** The publish area's message texts (post checks, platform answers, CSV import problems) main says, by language. */
export const PUBLISH_TEXTS: Record<Language, Record<string, string>> = {
  en: PUBLISH_ENGLISH,
  'zh-TW': { ...POST_ZH_TW, ...BULK_ZH_TW },
  'zh-CN': { ...POST_ZH_CN, ...BULK_ZH_CN },
};

/** A post's or a CSV line's problem and what to do, in `language` (a platform named by id is said by its label). */
export function publishSaid(language: Language, message: Localized): { text: string; hint: string | null } {
  return saidFrom(PUBLISH_TEXTS[language], message, language);
}
