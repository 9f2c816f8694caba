/**
 * The server messages (`msg.*`) of the renderer's `photomotion` family, in the three
 * languages: the renderer's catalogs spread them, and `kingjam` says them
 * (src/main/cli/error-lines.ts), which may not import the renderer.
 */
const en = {
  'msg.photo.motion.maskMissing': 'The people mask {file} does not exist.',
  'msg.photo.motion.maskMissing.hint': 'Make the family photo again, or start the motion without a mask so the people are found automatically.',
  'msg.photo.motion.maskUnreadable': 'The people mask {file} is not a readable image.',
  'msg.photo.motion.maskUnreadable.hint': 'Use the mask made with the family photo (a grey PNG, white where the people are), or leave it out.',
  'msg.photo.motion.maskMismatch': 'The people mask {mask} ({maskSize}) does not have the shape of the photo {image} ({imageSize}).',
  'msg.photo.motion.maskMismatch.hint': 'Use the mask made for this photo, or leave it out so the people are found automatically.',
  'msg.photo.motion.noPeople': 'No people were found in {file}.',
  'msg.photo.motion.noPeople.hint': 'The motion keeps the people still, so it needs them: use a photo in which the people are clearly visible, or a mask with the people in white.',
} as const;

type Key = keyof typeof en;

const zhTW: Record<Key, string> = {
  'msg.photo.motion.maskMissing': '人物遮罩 {file} 不存在。',
  'msg.photo.motion.maskMissing.hint': '請重新製作全家福，或不指定遮罩開始微動態，系統會自動找出人物。',
  'msg.photo.motion.maskUnreadable': '人物遮罩 {file} 不是可讀取的圖片。',
  'msg.photo.motion.maskUnreadable.hint': '請使用與全家福一起產生的遮罩（灰階 PNG，人物處為白色），或不指定遮罩。',
  'msg.photo.motion.maskMismatch': '人物遮罩 {mask}（{maskSize}）與照片 {image}（{imageSize}）的比例不符。',
  'msg.photo.motion.maskMismatch.hint': '請使用為這張照片產生的遮罩，或不指定遮罩，讓系統自動找出人物。',
  'msg.photo.motion.noPeople': '在 {file} 中找不到人物。',
  'msg.photo.motion.noPeople.hint': '微動態會讓人物保持靜止，因此需要人物：請使用人物清晰可見的照片，或人物處為白色的遮罩。',
};

const zhCN: Record<Key, string> = {
  'msg.photo.motion.maskMissing': '人物蒙版 {file} 不存在。',
  'msg.photo.motion.maskMissing.hint': '请重新生成全家福，或不指定蒙版开始微动态，系统会自动识别人物。',
  'msg.photo.motion.maskUnreadable': '人物蒙版 {file} 不是可读取的图片。',
  'msg.photo.motion.maskUnreadable.hint': '请使用与全家福一起生成的蒙版（灰度 PNG，人物处为白色），或不指定蒙版。',
  'msg.photo.motion.maskMismatch': '人物蒙版 {mask}（{maskSize}）与照片 {image}（{imageSize}）的比例不一致。',
  'msg.photo.motion.maskMismatch.hint': '请使用为这张照片生成的蒙版，或不指定蒙版，让系统自动识别人物。',
  'msg.photo.motion.noPeople': '在 {file} 中没有找到人物。',
  'msg.photo.motion.noPeople.hint': '微动态会让人物保持静止，因此需要人物：请使用人物清晰可见的照片，或人物处为白色的蒙版。',
};

export const PHOTOMOTION_MESSAGES = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
