import { describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/i18n/locales/en.js';
import { zhCN } from '../../src/renderer/i18n/locales/zh-CN.js';
import { zhTW } from '../../src/renderer/i18n/locales/zh-TW.js';

/**
 * Provider error hints send the user only to settings that exist: the
 * Settings page's "AI providers" section, its Test connection button and its
 * ComfyUI row. There is no timeout and no base-URL field anywhere in Settings
 * (the base URLs are environment variables), so no hint may ask for one.
 */
const catalogs = { en, 'zh-TW': zhTW, 'zh-CN': zhCN } as const;

describe('provider error hints', () => {
  for (const [lang, m] of Object.entries(catalogs)) {
    it(`${lang}: every Settings path a hint names is one the Settings page has`, () => {
      const settings = m['settings.title'];
      const section = `${settings} → ${m['providers.title']}`;
      // Longest first, so "… → ComfyUI" is taken whole before the section alone.
      const allowed = [`${section} → ${m['providers.test']}`, `${section} → ComfyUI`, section];
      const hints = Object.entries(m).filter(([key]) => key.startsWith('msg.provider.') && key.endsWith('.hint'));
      expect(hints.length).toBeGreaterThan(30);
      for (const [key, text] of hints) {
        const rest = allowed.reduce((t, path) => t.split(path).join(''), text);
        expect({ key, rest }).toEqual({ key, rest: expect.not.stringContaining(settings) as unknown });
        expect({ key, text }).toEqual({ key, text: expect.not.stringMatching(/timeout|base URL|逾時|超时|基礎網址|基础网址|2\.5/) as unknown });
      }
    });
  }
});
