import { create } from 'zustand';
import { LANGUAGES, type Language } from '../../shared/settings.js';
import { en, type MessageKey, type Messages } from './locales/en.js';
import { zhCN } from './locales/zh-CN.js';
import { zhTW } from './locales/zh-TW.js';

export type { MessageKey } from './locales/en.js';
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const DEFAULT_LANGUAGE: Language = 'zh-TW';

/** Each language named in itself, so a user can find theirs whatever is showing. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  'zh-TW': '繁體中文',
  'zh-CN': '简体中文',
  en: 'English',
};

const CATALOGS: Record<Language, Messages> = { 'zh-TW': zhTW, 'zh-CN': zhCN, en };
const STORAGE_KEY = 'kingjam.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(v)) return v;
  } catch {
    // No storage: use the default.
  }
  return DEFAULT_LANGUAGE;
}

export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translator(language: Language): Translate {
  const catalog = CATALOGS[language];
  return (key, vars) => interpolate(catalog[key] ?? en[key] ?? key, vars);
}

interface LanguageState {
  language: Language;
  t: Translate;
  /** Shows the language now and remembers it in this browser (main is told by the settings store). */
  setLanguage(language: Language): void;
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
}

export const useLanguageStore = create<LanguageState>((set) => {
  const initial = storedLanguage();
  applyToDocument(initial);
  return {
    language: initial,
    t: translator(initial),
    setLanguage(language) {
      try {
        window.localStorage.setItem(STORAGE_KEY, language);
      } catch {
        // Remembered by main anyway.
      }
      applyToDocument(language);
      set({ language, t: translator(language) });
    },
  };
});

/** The translate function for the current language; re-renders when it changes. */
export function useT(): Translate {
  return useLanguageStore((s) => s.t);
}

export function useLanguage(): Language {
  return useLanguageStore((s) => s.language);
}

/** For code outside React (stores, toasts). */
export function t(key: MessageKey, vars?: Vars): string {
  return useLanguageStore.getState().t(key, vars);
}
