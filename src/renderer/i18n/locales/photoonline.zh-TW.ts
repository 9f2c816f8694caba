import { PHOTOONLINE_MESSAGES } from '../../../shared/i18n/areas/photoonline.js';
import type { PhotoonlineMessages } from './photoonline.en.js';

/** zh-TW: family `photoonline` (issue 15). */
export const photoonlineZhTW: PhotoonlineMessages = {
  'photoonline.line.variants': '全家福候選圖',
  'photoonline.line.replacement': '臉部不符的候選圖重新產生一次（實際產生才收費）',
  'photoonline.line.localPack': '本機相片包（從離線額度扣除）',
  'photoonline.line.motion': '微動態短片',
  'photoonline.line.repair': '老照片修復',

  ...PHOTOONLINE_MESSAGES['zh-TW'],
};
