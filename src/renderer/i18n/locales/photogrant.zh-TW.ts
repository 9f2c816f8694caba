import { PHOTOGRANT_MESSAGES } from '../../../shared/i18n/areas/photogrant.js';
import type { PhotograntMessages } from './photogrant.en.js';

/** zh-TW: family `photogrant` (issue 15). */
export const photograntZhTW: PhotograntMessages = {
  'photoonline.line.freeDaily': '今日免費，由 KingJam 支付（每天一張含浮水印）',

  'cloudErr.GEN_GRANT_USED': '今天的免費照片已經用過了。下一張從台灣時間（UTC+8）00:00 起免費。',
  'cloudErr.GEN_GRANT_NOT_ELIGIBLE': '每日免費照片限 Gemini、Seedream 或 FLUX Kontext 的一張圖；這次呼叫不符合。',

  ...PHOTOGRANT_MESSAGES['zh-TW'],
};
