import type { Language } from '../../shared/settings.js';
import type { StyleFeatures, StyleWriting } from '../../shared/style/features.js';
import { colourName } from './colour-names.js';

/**
 * The offline prompt fragment: composed from the measured features in the
 * user's language, the same features always giving the same words. It names
 * the palette, the lighting and the line quality — what was measured, not
 * what a model would see (subject matter, medium).
 */
type Words = {
  palette: (names: string[]) => string;
  key: { high: string; low: string; mid: string };
  contrast: { strong: string; soft: string; medium: string };
  warmth: { warm: string; cool: string; neutral: string };
  lines: { bold: (px: number) => string; fine: string; none: string; busy: string; clean: string };
  negative: string;
  join: string;
};

const WORDS: Record<Language, Words> = {
  en: {
    palette: (n) => `a palette of ${n.join(', ')}`,
    key: { high: 'bright high-key lighting', low: 'dark low-key lighting', mid: 'balanced mid-tone lighting' },
    contrast: { strong: 'strong contrast', soft: 'soft, low contrast', medium: 'moderate contrast' },
    warmth: { warm: 'warm colour temperature', cool: 'cool colour temperature', neutral: 'neutral colour temperature' },
    lines: { bold: (px) => `bold outlines about ${px} px thick`, fine: 'fine thin linework', none: 'soft shapes without outlines', busy: 'dense detailed texture', clean: 'clean open areas' },
    negative: 'off-palette colours, inconsistent line weight',
    join: ', ',
  },
  'zh-TW': {
    palette: (n) => `色盤以${n.join('、')}為主`,
    key: { high: '明亮的高調光線', low: '深沉的低調光線', mid: '均衡的中間調光線' },
    contrast: { strong: '強烈對比', soft: '柔和低對比', medium: '適中對比' },
    warmth: { warm: '暖色調', cool: '冷色調', neutral: '中性色溫' },
    lines: { bold: (px) => `約 ${px} 像素粗的明確輪廓線`, fine: '細緻的細線條', none: '無輪廓線的柔和形體', busy: '細節密集的紋理', clean: '乾淨留白的大面積' },
    negative: '色盤外的顏色、線條粗細不一',
    join: '，',
  },
  'zh-CN': {
    palette: (n) => `色盘以${n.join('、')}为主`,
    key: { high: '明亮的高调光线', low: '深沉的低调光线', mid: '均衡的中间调光线' },
    contrast: { strong: '强烈对比', soft: '柔和低对比', medium: '适中对比' },
    warmth: { warm: '暖色调', cool: '冷色调', neutral: '中性色温' },
    lines: { bold: (px) => `约 ${px} 像素粗的明确轮廓线`, fine: '细致的细线条', none: '无轮廓线的柔和形体', busy: '细节密集的纹理', clean: '干净留白的大面积' },
    negative: '色盘外的颜色、线条粗细不一',
    join: '，',
  },
};

export function composeWriting(features: StyleFeatures, language: Language): StyleWriting {
  const w = WORDS[language];
  const names = [...new Set(features.palette.slice(0, 5).map((c) => `${colourName(c.lab, language)} ${c.hex}`))];
  const l = features.lighting;
  const key = l.meanLuminance >= 65 ? w.key.high : l.meanLuminance <= 35 ? w.key.low : w.key.mid;
  const contrast = l.contrast >= 25 ? w.contrast.strong : l.contrast <= 12 ? w.contrast.soft : w.contrast.medium;
  const warmth = l.warmth >= 0.12 ? w.warmth.warm : l.warmth <= -0.12 ? w.warmth.cool : w.warmth.neutral;
  const ln = features.lines;
  const stroke = ln.edgeDensity < 0.01 ? w.lines.none : ln.lineThicknessPx >= 3 ? w.lines.bold(Math.round(ln.lineThicknessPx)) : w.lines.fine;
  const detail = ln.edgeDensity >= 0.15 ? w.lines.busy : w.lines.clean;
  return {
    promptFragment: [w.palette(names), key, contrast, warmth, stroke, detail].join(w.join),
    negativePrompt: w.negative,
    provider: 'offline',
    model: 'measured-features',
    draft: true,
  };
}
