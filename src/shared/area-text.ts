import type { Language } from './settings.js';

/** Fills `{name}` placeholders; a name with no value stays as written, so a missing parameter shows. */
export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * An area's texts that main says as well as its page (error messages
 * `msg.<area>.*`, CLI lines `<area>.cli.*`) in the three languages. The CLI
 * in main may not import the renderer's catalogs; the area's locale family
 * spreads `texts[language]` in.
 */
export function areaText<K extends string>(texts: Record<Language, Record<K, string>>) {
  return {
    texts,
    say(language: Language, key: K, params: Record<string, string | number> = {}): string {
      return fillTemplate(texts[language][key], params);
    },
    /** Whether a key has its text here (the CLI says those in the user's language). */
    has(key: string): key is K {
      return Object.prototype.hasOwnProperty.call(texts.en, key);
    },
  };
}
