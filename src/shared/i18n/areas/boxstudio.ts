/**
 * The server messages (`msg.*`) of the renderer's `boxstudio` family, in the three
 * languages: the renderer's catalogs spread them, and `kingjam` says them
 * (src/main/cli/error-lines.ts), which may not import the renderer.
 */
const en = {
  'msg.boxes.oddsNot100': 'The odds add up to {sum} %, not 100 %.',
  'msg.boxes.oddsNot100.hint': 'Change the odds until the total shows 100 %.',
  'msg.boxes.notAnImage': '“{name}” could not be read as an image.',
  'msg.boxes.notAnImage.hint': 'Pick a PNG, JPEG or WebP picture from the library.',
  'msg.boxes.imageTooLarge': '“{name}” is still too large for the cloud after shrinking it.',
  'msg.boxes.imageTooLarge.hint': 'Pick a simpler picture, or crop it first.',
  'msg.boxes.noPack': 'The 3D model “{model}” has no production pack yet.',
  'msg.boxes.noPack.hint': 'Make its production pack in the 3D builder first, or sell this item without a figure.',
  'msg.boxes.packMissing': 'The production pack of “{model}” is no longer on this computer.',
  'msg.boxes.packMissing.hint': 'Make the production pack again in the 3D builder.',
} as const;

type Key = keyof typeof en;

const zhTW: Record<Key, string> = {
  'msg.boxes.oddsNot100': '機率合計為 {sum} %，不是 100 %。',
  'msg.boxes.oddsNot100.hint': '調整機率，直到合計顯示 100 %。',
  'msg.boxes.notAnImage': '無法將「{name}」讀取為圖片。',
  'msg.boxes.notAnImage.hint': '請從素材庫挑選 PNG、JPEG 或 WebP 圖片。',
  'msg.boxes.imageTooLarge': '「{name}」縮小後對雲端來說仍然太大。',
  'msg.boxes.imageTooLarge.hint': '請挑選較簡單的圖片，或先裁切。',
  'msg.boxes.noPack': '3D 模型「{model}」還沒有生產包。',
  'msg.boxes.noPack.hint': '請先在 3D 建模器產生生產包，或不附公仔販售此款。',
  'msg.boxes.packMissing': '「{model}」的生產包已不在這台電腦上。',
  'msg.boxes.packMissing.hint': '請在 3D 建模器重新產生生產包。',
};

const zhCN: Record<Key, string> = {
  'msg.boxes.oddsNot100': '概率合计为 {sum} %，不是 100 %。',
  'msg.boxes.oddsNot100.hint': '调整概率，直到合计显示 100 %。',
  'msg.boxes.notAnImage': '无法将“{name}”读取为图片。',
  'msg.boxes.notAnImage.hint': '请从素材库挑选 PNG、JPEG 或 WebP 图片。',
  'msg.boxes.imageTooLarge': '“{name}”缩小后对云端来说仍然太大。',
  'msg.boxes.imageTooLarge.hint': '请挑选较简单的图片，或先裁剪。',
  'msg.boxes.noPack': '3D 模型“{model}”还没有生产包。',
  'msg.boxes.noPack.hint': '请先在 3D 建模器生成生产包，或不附手办销售此款。',
  'msg.boxes.packMissing': '“{model}”的生产包已不在这台电脑上。',
  'msg.boxes.packMissing.hint': '请在 3D 建模器重新生成生产包。',
};

export const BOXSTUDIO_MESSAGES = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
