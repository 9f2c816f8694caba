import type { PhotocheckMessages } from './photocheck.en.js';

/** zh-CN：family `photocheck`（issue 15：人像照片的本机检查）。 */
export const photocheckZhCN: PhotocheckMessages = {
  'msg.photo.check.unreadable': '“{file}”不是工作室能读取的照片。',
  'msg.photo.check.unreadable.hint': '请选择 JPG 或 PNG 照片，或从相册 App 重新导出。',
  'msg.photo.check.heic-unsupported': '“{file}”是 HEIC 照片，本工作室无法打开。',
  'msg.photo.check.heic-unsupported.hint': '请从手机以 JPEG 分享（iPhone：设置 → 相机 → 格式 → 兼容性最佳），再重新上传。',
  'msg.photo.check.file-too-large': '“{file}”有 {size} MB；照片最大 {limit} MB。',
  'msg.photo.check.file-too-large.hint': '请上传较小的版本（手机的“中”或“大”尺寸就足够）。',
  'msg.photo.check.image-too-small': '这张照片只有 {width}×{height} 像素；短边至少需要 {min} 像素。',
  'msg.photo.check.image-too-small.hint': '请使用相机拍的原始照片，不要用缩略图或截图。',
  'msg.photo.check.no-face': '这张照片里找不到脸。',
  'msg.photo.check.no-face.hint': '请使用正面朝向镜头、光线充足、脸部没有遮挡的照片。',
  'msg.photo.check.several-faces': '找到 {count} 张脸；每张人像照片只能有一个人。',
  'msg.photo.check.several-faces.hint': '请每人上传一张照片，或裁剪这张照片只留下一张脸。',
  'msg.photo.check.face-too-small': '脸部太小（{size} 像素；至少 {min} 像素）。',
  'msg.photo.check.face-too-small.hint': '脸部太小，请靠近一点，让脸占画面更大的部分。',
  'msg.photo.check.face-unclear': '可能有脸，但不够清楚（置信度 {confidence}，至少 {min}）。',
  'msg.photo.check.face-unclear.hint': '请正面面对镜头、光线均匀，不要戴墨镜、口罩，也别让头发遮住脸。',
  'msg.photo.check.blurred': '脸部模糊（清晰度 {sharpness}，至少 {min}）。',
  'msg.photo.check.blurred.hint': '拍照时请拿稳手机，点一下脸部对焦，再拍一次。',
};
