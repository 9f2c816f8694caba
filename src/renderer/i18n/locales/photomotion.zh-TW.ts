import { PHOTOMOTION_MESSAGES } from '../../../shared/i18n/areas/photomotion.js';
import type { PhotomotionMessages } from './photomotion.en.js';

/** zh-TW: family `photomotion` (issue 15). */
export const photomotionZhTW: PhotomotionMessages = {
  ...PHOTOMOTION_MESSAGES['zh-TW'],
  'photo.backend.local': '本機微動態（只動背景，在這台電腦上）',
  'photo.backend.kling': 'Kling v2.1 影片模型（Replicate）',
  'photo.backend.veo': 'Veo 影片模型（Google）',
  'photo.backend.seedance': 'Seedance 影片模型（字節跳動，Replicate）',
  'photo.motion.localNote': '只有背景會動：人物遮罩讓每個人保持照片中的樣子。',
  'photo.motion.onlineNote': '影片模型會被要求只做最小幅度的動態；完成後會拿影片中的臉與照片比對。',
  'photo.motion.faces.ok': '臉部比對通過：照片中的 {expected} 張臉在影片每個檢查的畫格中都在。',
  'photo.motion.faces.failed': '臉部比對未通過：照片有 {expected} 張臉，影片檢查的畫格中找到 {found}。模型改變了人物。',
  'photo.motion.faces.useLocal': '改用本機微動態（人物保持照片中的樣子）',
};
