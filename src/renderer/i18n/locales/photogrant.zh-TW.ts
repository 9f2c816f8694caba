import type { PhotograntMessages } from './photogrant.en.js';

/** zh-TW: family `photogrant` (issue 15). */
export const photograntZhTW: PhotograntMessages = {
  'photoonline.line.freeDaily': '今日免費，由 KingJam 支付（每天一張含浮水印）',

  'cloudErr.GEN_GRANT_USED': '今天的免費照片已經用過了。下一張從台灣時間（UTC+8）00:00 起免費。',
  'cloudErr.GEN_GRANT_NOT_ELIGIBLE': '每日免費照片限 Gemini、Seedream 或 FLUX Kontext 的一張圖；這次呼叫不符合。',

  'msg.photo.grant.used': '今天的免費照片已經用過了。下一張免費照片從台灣時間（UTC+8）{date} 00:00 起可用。',
  'msg.photo.grant.used.hint': '請在台灣時間午夜過後再來，或現在改用付費方案（4 張候選、無浮水印）。',
  'msg.photo.grant.notEligible': 'KingJam Cloud 不會把這次呼叫當作每日免費照片支付：{detail}',
  'msg.photo.grant.notEligible.hint': '免費照片是 Gemini、Seedream 或 FLUX Kontext 的一張含浮水印候選圖。請改選其中之一，或改用付費方案。',
};
