import type { PhotomotionMessages } from './photomotion.en.js';

/** zh-CN: family `photomotion` (issue 15). */
export const photomotionZhCN: PhotomotionMessages = {
  'msg.photo.motion.maskMissing': '人物蒙版 {file} 不存在。',
  'msg.photo.motion.maskMissing.hint': '请重新生成全家福，或不指定蒙版开始微动态，系统会自动识别人物。',
  'msg.photo.motion.maskUnreadable': '人物蒙版 {file} 不是可读取的图片。',
  'msg.photo.motion.maskUnreadable.hint': '请使用与全家福一起生成的蒙版（灰度 PNG，人物处为白色），或不指定蒙版。',
  'msg.photo.motion.maskMismatch': '人物蒙版 {mask}（{maskSize}）与照片 {image}（{imageSize}）的比例不一致。',
  'msg.photo.motion.maskMismatch.hint': '请使用为这张照片生成的蒙版，或不指定蒙版，让系统自动识别人物。',
  'msg.photo.motion.noPeople': '在 {file} 中没有找到人物。',
  'msg.photo.motion.noPeople.hint': '微动态会让人物保持静止，因此需要人物：请使用人物清晰可见的照片，或人物处为白色的蒙版。',
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
