import { describe, expect, it } from 'vitest';
import { generationLine } from '../src/renderer/pages/credits/generationLine.js';
import { en, type MessageKey } from '../src/renderer/i18n/locales/en.js';
import { zhCN } from '../src/renderer/i18n/locales/zh-CN.js';
import { zhTW } from '../src/renderer/i18n/locales/zh-TW.js';
import type { GenCallView } from '../src/shared/gateway.js';
import type { Language } from '../src/shared/settings.js';

const CATALOGS = { en, 'zh-TW': zhTW, 'zh-CN': zhCN } as const;
const translate = (language: Language) => (key: MessageKey, vars: Record<string, string | number> = {}) =>
  CATALOGS[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

const BLOG: GenCallView = {
  id: 'c1', purpose: 'blog', upstream: 'gemini', model: 'gemini-3.1-pro-preview', units: { input_tokens: 900, output_tokens: 2_100 },
  held: 25, credits: 12, status: 'succeeded', error_code: null, latency_ms: 7_000, created_at: 1_780_000_000_000,
};

/** The Credits page's generations list: purpose · model label · credits, in the user's language. */
describe('a generation in the credits history', () => {
  it('reads purpose · model · credits in each language', () => {
    expect(generationLine(BLOG, translate('zh-TW'), 'zh-TW')).toBe('部落格文章 · Gemini 3.1 Pro · 12 點');
    expect(generationLine(BLOG, translate('zh-CN'), 'zh-CN')).toBe('博客文章 · Gemini 3.1 Pro · 12 点');
    expect(generationLine(BLOG, translate('en'), 'en')).toBe('Blog post · Gemini 3.1 Pro · 12 credits');
  });

  it('says a failed or released call was not charged, and a running one what it holds', () => {
    const scene: GenCallView = { ...BLOG, purpose: 'director-scene', upstream: 'replicate', model: 'kwaivgi/kling-v2.1', credits: 0, held: 30 };
    expect(generationLine({ ...scene, status: 'released' }, translate('zh-TW'), 'zh-TW')).toBe('影片場景 · Kling v2.1 · 未扣點');
    expect(generationLine({ ...scene, status: 'failed' }, translate('en'), 'en')).toBe('Video scene · Kling v2.1 · not charged');
    expect(generationLine({ ...scene, status: 'running' }, translate('zh-CN'), 'zh-CN')).toBe('视频场景 · Kling v2.1 · 进行中 — 暂扣最多 30 点');
  });

  it('names a model the catalogue does not know by its id', () => {
    expect(generationLine({ ...BLOG, model: 'gemini-9-ultra' }, translate('en'), 'en')).toBe('Blog post · gemini-9-ultra · 12 credits');
  });
});
