import type { PhotofuseMessages } from './photofuse.en.js';

/** zh-CN: family `photofuse` (issue 15). */
export const photofuseZhCN: PhotofuseMessages = {
  'msg.photo.fuse.noPerson': '第 {index} 张照片中找不到人物。',
  'msg.photo.fuse.noPerson.hint': '请使用人物与背景分明、正面朝向镜头的照片。',
  'msg.photo.fuse.facesMismatch': '这个版本出现了 {found} 张脸，而不是 {expected} 张，重新生成一次后仍不符。',
  'msg.photo.fuse.facesMismatch.hint': '请从其他版本中挑选，或换用更清晰、正面的照片再试一次。',
  'msg.photo.fuse.costumeOffline': '换装需要在线的图像编辑模型，离线生成无法更换服装。',
  'msg.photo.fuse.costumeOffline.hint': '请选择 Gemini、Seedream 或 FLUX Kontext 来换装，或不更换服装。',
};
