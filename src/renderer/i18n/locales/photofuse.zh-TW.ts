import type { PhotofuseMessages } from './photofuse.en.js';

/** zh-TW: family `photofuse` (issue 15). */
export const photofuseZhTW: PhotofuseMessages = {
  'msg.photo.fuse.noPerson': '第 {index} 張照片中找不到人物。',
  'msg.photo.fuse.noPerson.hint': '請使用人物與背景分明、正面朝向鏡頭的照片。',
  'msg.photo.fuse.facesMismatch': '這個版本出現了 {found} 張臉，而不是 {expected} 張，重新生成一次後仍不符。',
  'msg.photo.fuse.facesMismatch.hint': '請從其他版本中挑選，或改用更清楚、正面的照片再試一次。',
  'msg.photo.fuse.costumeOffline': '換裝需要線上的圖像編輯模型，離線生成無法更換服裝。',
  'msg.photo.fuse.costumeOffline.hint': '請選擇 Gemini、Seedream 或 FLUX Kontext 來換裝，或不更換服裝。',
};
