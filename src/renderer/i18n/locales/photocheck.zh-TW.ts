import type { PhotocheckMessages } from './photocheck.en.js';

/** zh-TW：family `photocheck`（issue 15：人像照片的本機檢查）。 */
export const photocheckZhTW: PhotocheckMessages = {
  'msg.photo.check.unreadable': '「{file}」不是工作室能讀取的照片。',
  'msg.photo.check.unreadable.hint': '請選擇 JPG 或 PNG 照片，或從相簿 App 重新匯出。',
  'msg.photo.check.heic-unsupported': '「{file}」是 HEIC 照片，本工作室無法開啟。',
  'msg.photo.check.heic-unsupported.hint': '請從手機以 JPEG 分享（iPhone：設定 → 相機 → 格式 → 最相容），再重新上傳。',
  'msg.photo.check.file-too-large': '「{file}」有 {size} MB；照片最大 {limit} MB。',
  'msg.photo.check.file-too-large.hint': '請上傳較小的版本（手機的「中」或「大」尺寸就足夠）。',
  'msg.photo.check.image-too-small': '這張照片只有 {width}×{height} 像素；短邊至少需要 {min} 像素。',
  'msg.photo.check.image-too-small.hint': '請使用相機拍的原始照片，不要用縮圖或螢幕截圖。',
  'msg.photo.check.no-face': '這張照片裡找不到臉。',
  'msg.photo.check.no-face.hint': '請使用正面朝向鏡頭、光線充足、臉部沒有遮擋的照片。',
  'msg.photo.check.several-faces': '找到 {count} 張臉；每張人像照片只能有一個人。',
  'msg.photo.check.several-faces.hint': '請每人上傳一張照片，或裁切這張照片只留下一張臉。',
  'msg.photo.check.face-too-small': '臉部太小（{size} 像素；至少 {min} 像素）。',
  'msg.photo.check.face-too-small.hint': '臉部太小，請靠近一點，讓臉佔畫面更大的部分。',
  'msg.photo.check.face-unclear': '可能有臉，但不夠清楚（信心度 {confidence}，至少 {min}）。',
  'msg.photo.check.face-unclear.hint': '請正面面對鏡頭、光線均勻，不要戴墨鏡、口罩，也別讓頭髮遮住臉。',
  'msg.photo.check.blurred': '臉部模糊（清晰度 {sharpness}，至少 {min}）。',
  'msg.photo.check.blurred.hint': '拍照時請拿穩手機，點一下臉部對焦，再拍一次。',
};
