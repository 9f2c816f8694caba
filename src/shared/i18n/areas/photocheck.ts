/**
 * The server messages (`msg.*`) of the renderer's `photocheck` family, in the three
 * languages: the renderer's catalogs spread them, and `kingjam` says them
 * (src/main/cli/error-lines.ts), which may not import the renderer.
 */
const en = {
  'msg.photo.check.unreadable': '“{file}” is not a photo the studio can read.',
  'msg.photo.check.unreadable.hint': 'Choose a JPG or PNG photo, or export it again from your photo app.',
  'msg.photo.check.heic-unsupported': '“{file}” is an HEIC photo, which this studio cannot open.',
  'msg.photo.check.heic-unsupported.hint': 'Share it from your phone as JPEG (iPhone: Settings → Camera → Formats → Most Compatible), then upload it again.',
  'msg.photo.check.file-too-large': '“{file}” is {size} MB; photos may be at most {limit} MB.',
  'msg.photo.check.file-too-large.hint': 'Upload a smaller copy (your phone’s “medium” or “large” size is plenty).',
  'msg.photo.check.image-too-small': 'This photo is only {width}×{height} pixels; it needs at least {min} pixels on its shorter side.',
  'msg.photo.check.image-too-small.hint': 'Use the original photo from the camera rather than a thumbnail or a screenshot.',
  'msg.photo.check.no-face': 'No face was found in this photo.',
  'msg.photo.check.no-face.hint': 'Use a photo where the person faces the camera, in good light, with nothing covering the face.',
  'msg.photo.check.several-faces': '{count} faces were found; a person photo should show one person.',
  'msg.photo.check.several-faces.hint': 'Upload one photo per person, or crop this one so only one face is in it.',
  'msg.photo.check.face-too-small': 'The face is too small ({size} px; at least {min} px).',
  'msg.photo.check.face-too-small.hint': 'Move closer, please — the face should fill more of the picture.',
  'msg.photo.check.face-unclear': 'A face may be there, but it is not clear enough (confidence {confidence}, at least {min}).',
  'msg.photo.check.face-unclear.hint': 'Face the camera in even light, without sunglasses, a mask or hair over the face.',
  'msg.photo.check.blurred': 'The face is blurred (sharpness {sharpness}, at least {min}).',
  'msg.photo.check.blurred.hint': 'Hold the phone still, tap the face to focus, and take the photo again.',
} as const;

type Key = keyof typeof en;

const zhTW: Record<Key, string> = {
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

const zhCN: Record<Key, string> = {
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

export const PHOTOCHECK_MESSAGES = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
