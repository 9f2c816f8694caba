import { describe, expect, it } from 'vitest';
import type { Translate } from '../../src/renderer/i18n/index.js';
import { en } from '../../src/renderer/i18n/locales/en.js';
import { zhCN } from '../../src/renderer/i18n/locales/zh-CN.js';
import { zhTW } from '../../src/renderer/i18n/locales/zh-TW.js';
import { planItems, reasonText, topicsOf } from '../../src/renderer/pages/kol-batches/plan.js';
import type { Language } from '../../src/shared/settings.js';

const CATALOGS = { en, 'zh-TW': zhTW, 'zh-CN': zhCN } as const;
const tFor = (language: Language): Translate => (key, vars) => (CATALOGS[language][key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));

describe('the Batches page', () => {
  it('reads topics one per line (no blanks, no repeats) and gives each persona each topic in turn up to the count', () => {
    expect(topicsOf('牛肉麵\n\n  夜市  \n牛肉麵\nx\n')).toEqual(['牛肉麵', '夜市']);
    expect(planItems(['a', 'b'], ['t1', 't2'], 5)).toEqual([
      { personaId: 'a', topic: 't1' },
      { personaId: 'b', topic: 't1' },
      { personaId: 'a', topic: 't2' },
      { personaId: 'b', topic: 't2' },
      { personaId: 'a', topic: 't1' },
    ]);
    expect(planItems([], ['t'], 3)).toEqual([]);
  });

  it('says an item’s reason in the user’s language', () => {
    const reason = { key: 'kol.batch.writeTimedOut' as const, params: { seconds: 120 } };
    expect(reasonText(reason, tFor('en'))).toBe('The post was not written within 120 s.');
    expect(reasonText(reason, tFor('zh-TW'))).toBe('貼文未在 120 秒內寫完。');
    expect(reasonText(reason, tFor('zh-CN'))).toBe('帖子未在 120 秒内写完。');
  });
});
