import type { Localized } from '../messages.js';
import type { Language } from '../settings.js';
import { TRIG_ENGLISH, trigSaidFrom } from './trig-english.js';
import { TRIG_ZH_CN, TRIG_ZH_TW } from './trig-zh.js';

/** The trigger messages' texts (`msg.kol.trig.*`) main says, by language. */
export const TRIG_TEXTS: Record<Language, Record<string, string>> = { en: TRIG_ENGLISH, 'zh-TW': TRIG_ZH_TW, 'zh-CN': TRIG_ZH_CN };

/** A trigger message's sentence and what to do in `language`. */
export function trigSaid(language: Language, message: Localized): { text: string; hint: string | null } {
  return trigSaidFrom(TRIG_TEXTS[language], message);
}
