import { PHOTOMOTION_MESSAGES } from '../../../shared/i18n/areas/photomotion.js';
import type { PhotomotionMessages } from './photomotion.en.js';

/** zh-CN: family `photomotion` (issue 15). */
export const photomotionZhCN: PhotomotionMessages = {
  ...PHOTOMOTION_MESSAGES['zh-CN'],
  'photo.backend.local': '本机微动态（只动背景，在这台电脑上）',
  'photo.backend.kling': 'Kling v2.1 视频模型（Replicate）',
  'photo.backend.veo': 'Veo 视频模型（Google）',
  'photo.backend.seedance': 'Seedance 视频模型（字节跳动，Replicate）',
  'photo.motion.localNote': '只有背景会动：人物遮罩让每个人保持照片中的样子。',
  'photo.motion.onlineNote': '视频模型会被要求只做最小幅度的动态；完成后会拿视频中的脸与照片比对。',
  'photo.motion.faces.ok': '脸部比对通过：照片中的 {expected} 张脸在视频每个检查的帧中都在。',
  'photo.motion.faces.failed': '脸部比对未通过：照片有 {expected} 张脸，视频检查的帧中找到 {found}。模型改变了人物。',
  'photo.motion.faces.useLocal': '改用本机微动态（人物保持照片中的样子）',
};
