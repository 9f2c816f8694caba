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
