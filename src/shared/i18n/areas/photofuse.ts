/**
 * The server messages (`msg.*`) of the renderer's `photofuse` family, in the three
 * languages: the renderer's catalogs spread them, and `kingjam` says them
 * (src/main/cli/error-lines.ts), which may not import the renderer.
 */
const en = {
  'msg.photo.fuse.noPerson': 'No person could be found in photo {index}.',
  'msg.photo.fuse.noPerson.hint': 'Use a photo where the person stands out clearly from the background, facing the camera.',
  'msg.photo.fuse.facesMismatch': 'This version showed {found} faces instead of {expected}, even after one more try.',
  'msg.photo.fuse.facesMismatch.hint': 'Choose one of the other versions, or try again with clearer, front-facing photos.',
  'msg.photo.fuse.costumeOffline': 'A costume change needs an online image-editing model; the offline backend cannot change clothes.',
  'msg.photo.fuse.costumeOffline.hint': 'Choose Gemini, Seedream or FLUX Kontext for a costume change, or leave the costume unchanged.',
} as const;

type Key = keyof typeof en;

const zhTW: Record<Key, string> = {
  'msg.photo.fuse.noPerson': '第 {index} 張照片中找不到人物。',
  'msg.photo.fuse.noPerson.hint': '請使用人物與背景分明、正面朝向鏡頭的照片。',
  'msg.photo.fuse.facesMismatch': '這個版本出現了 {found} 張臉，而不是 {expected} 張，重新生成一次後仍不符。',
  'msg.photo.fuse.facesMismatch.hint': '請從其他版本中挑選，或改用更清楚、正面的照片再試一次。',
  'msg.photo.fuse.costumeOffline': '換裝需要線上的圖像編輯模型，離線生成無法更換服裝。',
  'msg.photo.fuse.costumeOffline.hint': '請選擇 Gemini、Seedream 或 FLUX Kontext 來換裝，或不更換服裝。',
};

const zhCN: Record<Key, string> = {
  'msg.photo.fuse.noPerson': '第 {index} 张照片中找不到人物。',
  'msg.photo.fuse.noPerson.hint': '请使用人物与背景分明、正面朝向镜头的照片。',
  'msg.photo.fuse.facesMismatch': '这个版本出现了 {found} 张脸，而不是 {expected} 张，重新生成一次后仍不符。',
  'msg.photo.fuse.facesMismatch.hint': '请从其他版本中挑选，或换用更清晰、正面的照片再试一次。',
  'msg.photo.fuse.costumeOffline': '换装需要在线的图像编辑模型，离线生成无法更换服装。',
  'msg.photo.fuse.costumeOffline.hint': '请选择 Gemini、Seedream 或 FLUX Kontext 来换装，或不更换服装。',
};

export const PHOTOFUSE_MESSAGES = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
