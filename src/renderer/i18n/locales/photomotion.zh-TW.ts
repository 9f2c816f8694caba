import type { PhotomotionMessages } from './photomotion.en.js';

/** zh-TW: family `photomotion` (issue 15). */
export const photomotionZhTW: PhotomotionMessages = {
  'msg.photo.motion.maskMissing': '人物遮罩 {file} 不存在。',
  'msg.photo.motion.maskMissing.hint': '請重新製作全家福，或不指定遮罩開始微動態，系統會自動找出人物。',
  'msg.photo.motion.maskUnreadable': '人物遮罩 {file} 不是可讀取的圖片。',
  'msg.photo.motion.maskUnreadable.hint': '請使用與全家福一起產生的遮罩（灰階 PNG，人物處為白色），或不指定遮罩。',
  'msg.photo.motion.maskMismatch': '人物遮罩 {mask}（{maskSize}）與照片 {image}（{imageSize}）的比例不符。',
  'msg.photo.motion.maskMismatch.hint': '請使用為這張照片產生的遮罩，或不指定遮罩，讓系統自動找出人物。',
  'msg.photo.motion.noPeople': '在 {file} 中找不到人物。',
  'msg.photo.motion.noPeople.hint': '微動態會讓人物保持靜止，因此需要人物：請使用人物清晰可見的照片，或人物處為白色的遮罩。',
};
