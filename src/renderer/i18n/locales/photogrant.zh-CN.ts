import { PHOTOGRANT_MESSAGES } from '../../../shared/i18n/areas/photogrant.js';
import type { PhotograntMessages } from './photogrant.en.js';

/** zh-CN: family `photogrant` (issue 15). */
export const photograntZhCN: PhotograntMessages = {
  'photoonline.line.freeDaily': '今日免费，由 KingJam 支付（每天一张带水印）',

  'cloudErr.GEN_GRANT_USED': '今天的免费照片已经用过了。下一张从台湾时间（UTC+8）00:00 起免费。',
  'cloudErr.GEN_GRANT_NOT_ELIGIBLE': '每日免费照片限 Gemini、Seedream 或 FLUX Kontext 的一张图；这次调用不符合。',

  ...PHOTOGRANT_MESSAGES['zh-CN'],
};
