import { describe, expect, it } from 'vitest';
import { ENGLISH_PHRASES, englishCatalogText, englishRuns, rawKeys, wrongScript } from '../e2e/support/visible-text.js';
import { en } from '../src/renderer/i18n/locales/en.js';
import { zhTW } from '../src/renderer/i18n/locales/zh-TW.js';

/** The every-page sweep's language checks find what they are for, and pass what a Chinese page rightly shows. */
describe('the every-page sweep checks', () => {
  it('finds a message key t gave back for lack of a text, and a placeholder left unfilled', () => {
    expect(rawKeys('審核 kol.review.nothing 今天')).toEqual(['kol.review.nothing']);
    expect(rawKeys('共 {count} 則')).toEqual(['{count}']);
    expect(rawKeys(`${zhTW['nav.dashboard']} timeline.json docs/timeline.md KingJam v2.1`)).toEqual([]);
  });

  it('finds an English catalog text on a Chinese page, whole, but not a name the Chinese texts share', () => {
    const waiting = en['koltrig.preview.waiting'].replace(/\.$/, ''); // a phrase is kept without its full stop
    expect(ENGLISH_PHRASES).toContain(waiting);
    expect(englishCatalogText(`預覽\n${en['koltrig.preview.waiting']}`)).toEqual([waiting]);
    expect(englishCatalogText(`${en['common.cancel']} 取消`)).toEqual([en['common.cancel']]);
    expect(englishCatalogText('Gemini 3.1 Pro — KingJam 雲端（請登入） KingJam Cloud')).toEqual([]);
  });

  it('lists runs of three English words for judging', () => {
    expect(englishRuns('欄位：post,views,likes 與 Too small: expected array to have')).toEqual(['post,views,likes', 'expected array to have']);
  });

  it('finds a character of the other script, not one both share', () => {
    expect(wrongScript('設定 这个', 'zh-TW')).toEqual(['这 in “設定 这个”', '个 in “設定 这个”']);
    expect(wrongScript('设置 這個', 'zh-CN')).toEqual(['這 in “设置 這個”', '個 in “设置 這個”']);
    expect(wrongScript('中文 內容', 'zh-TW')).toEqual([]);
  });
});
