import type { Localized } from '../../messages.js';
import { inEnglish as publishEnglish } from '../../publish/english.js';
import { KOL_LEARN_ENGLISH } from './english-texts.js';

const TEXTS: Record<string, string> = KOL_LEARN_ENGLISH;

const fill = (template: string, params: Localized['params']): string => template.replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));

/** A learning or engagement message in English (the CLI); other keys as publishing says them. */
export function learnEnglish(message: Localized): { text: string; hint: string | null } {
  const text = TEXTS[`msg.${message.key}`];
  if (text === undefined) return publishEnglish(message);
  const hint = TEXTS[`msg.${message.key}.hint`];
  return { text: fill(text, message.params), hint: hint === undefined ? null : fill(hint, message.params) };
}
