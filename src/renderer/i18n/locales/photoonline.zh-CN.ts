import { PHOTOONLINE_MESSAGES } from '../../../shared/i18n/areas/photoonline.js';
import type { PhotoonlineMessages } from './photoonline.en.js';

/** zh-CN: family `photoonline` (issue 15). */
export const photoonlineZhCN: PhotoonlineMessages = {
  'photoonline.line.variants': '全家福候选图',
  'photoonline.line.replacement': '脸部不符的候选图重新生成一次（实际生成才收费）',
  'photoonline.line.localPack': '本机照片包（从离线额度扣除）',
  'photoonline.line.motion': '微动态短片',
  'photoonline.line.repair': '老照片修复',

  ...PHOTOONLINE_MESSAGES['zh-CN'],
};
