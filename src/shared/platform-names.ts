import { PLATFORM_LABELS } from './publish/platforms.js';
import type { Language } from './settings.js';

/**
 * The names of the platforms the studio posts to, connects and writes for,
 * by the ids main, the workers and the cloud put in a message's `platform`
 * parameter: publishing targets (src/shared/publish/platforms.ts), vault
 * connections (src/shared/partners.ts) and social-post formats
 * (src/shared/generate/platforms.ts). Brand names read the same in every
 * language; the few described in words are said in each.
 */
const BRAND: Record<string, string> = {
  ...PLATFORM_LABELS,
  'youtube-shorts': 'YouTube Shorts',
  meta: 'Facebook / Instagram',
  x: 'X',
};

const WORDS: Record<string, Record<Language, string>> = {
  'line-oa': { en: 'LINE Official Account', 'zh-TW': 'LINE 官方帳號', 'zh-CN': 'LINE 官方账号' },
};

/** The platform's name in `language`; a value that is not a known id (already a name, a platform this app does not know) stays as it is. */
export function platformName(id: string, language: Language): string {
  return WORDS[id]?.[language] ?? BRAND[id] ?? id;
}

/** A message's parameters with its `platform` said by name (an id there would print raw inside the sentence). */
export function withPlatformNames(params: Record<string, string | number>, language: Language): Record<string, string | number> {
  const platform = params.platform;
  return typeof platform === 'string' ? { ...params, platform: platformName(platform, language) } : params;
}
