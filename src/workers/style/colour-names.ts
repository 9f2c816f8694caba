import type { Lab } from '../../shared/style/colour.js';
import type { Language } from '../../shared/settings.js';

/**
 * A plain colour word for a Lab colour, in three languages: achromatic by
 * lightness when chroma is low, else by hue angle, with "light"/"dark"
 * by L*. Words for the offline fragment; the hex next to it is exact.
 */
const HUES: { from: number; en: string; tw: string; cn: string }[] = [
  { from: 0, en: 'pink-red', tw: '桃紅', cn: '桃红' },
  { from: 20, en: 'red', tw: '紅', cn: '红' },
  { from: 50, en: 'orange', tw: '橙', cn: '橙' },
  { from: 75, en: 'yellow', tw: '黃', cn: '黄' },
  { from: 100, en: 'yellow-green', tw: '黃綠', cn: '黄绿' },
  { from: 135, en: 'green', tw: '綠', cn: '绿' },
  { from: 190, en: 'teal', tw: '青綠', cn: '青绿' },
  { from: 225, en: 'blue', tw: '藍', cn: '蓝' },
  { from: 290, en: 'purple', tw: '紫', cn: '紫' },
  { from: 330, en: 'magenta', tw: '洋紅', cn: '洋红' },
];

export function colourName([L, a, b]: Lab, language: Language): string {
  const chroma = Math.hypot(a, b);
  const pick = (en: string, tw: string, cn: string) => (language === 'en' ? en : language === 'zh-TW' ? tw : cn);
  if (L >= 92 && chroma < 20) return chroma < 5 ? pick('white', '白', '白') : pick('off-white', '米白', '米白');
  if (chroma < 10) {
    if (L >= 90) return pick('white', '白', '白');
    if (L <= 15) return pick('black', '黑', '黑');
    return L >= 60 ? pick('light grey', '淺灰', '浅灰') : pick('dark grey', '深灰', '深灰');
  }
  const hue = ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
  const h = [...HUES].reverse().find((e) => hue >= e.from)!;
  const word = pick(h.en, h.tw, h.cn);
  if (L >= 75) return pick(`light ${word}`, `淺${word}`, `浅${word}`);
  if (L <= 35) return pick(`dark ${word}`, `深${word}`, `深${word}`);
  return word;
}
