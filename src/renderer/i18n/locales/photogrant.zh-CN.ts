import type { PhotograntMessages } from './photogrant.en.js';

/** zh-CN: family `photogrant` (issue 15). */
export const photograntZhCN: PhotograntMessages = {
  'photoonline.line.freeDaily': '今日免费，由 KingJam 支付（每天一张带水印）',

  'cloudErr.GEN_GRANT_USED': '今天的免费照片已经用过了。下一张从台湾时间（UTC+8）00:00 起免费。',
  'cloudErr.GEN_GRANT_NOT_ELIGIBLE': '每日免费照片限 Gemini、Seedream 或 FLUX Kontext 的一张图；这次调用不符合。',

  'msg.photo.grant.used': '今天的免费照片已经用过了。下一张免费照片从台湾时间（UTC+8）{date} 00:00 起可用。',
  'msg.photo.grant.used.hint': '请在台湾时间午夜过后再来，或现在改用付费方案（4 张候选、无水印）。',
  'msg.photo.grant.notEligible': 'KingJam Cloud 不会把这次调用当作每日免费照片支付：{detail}',
  'msg.photo.grant.notEligible.hint': '免费照片是 Gemini、Seedream 或 FLUX Kontext 的一张带水印候选图。请改选其中之一，或改用付费方案。',
};
