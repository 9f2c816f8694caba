/**
 * The server messages (`msg.*`) of the renderer's `photogrant` family, in the three
 * languages: the renderer's catalogs spread them, and `kingjam` says them
 * (src/main/cli/error-lines.ts), which may not import the renderer.
 */
const en = {
  'msg.photo.grant.used': "Today's free photo was already made. The next free one is available from 00:00 on {date}, Taiwan time (UTC+8).",
  'msg.photo.grant.used.hint': 'Come back after midnight Taiwan time, or make a paid run (4 variants, no watermark) now.',
  'msg.photo.grant.notEligible': 'KingJam Cloud does not pay for this call as the free daily photo: {detail}',
  'msg.photo.grant.notEligible.hint': 'The free photo is one watermarked variant on Gemini, Seedream or FLUX Kontext. Choose one of them, or make a paid run.',
} as const;

type Key = keyof typeof en;

const zhTW: Record<Key, string> = {
  'msg.photo.grant.used': '今天的免費照片已經用過了。下一張免費照片從台灣時間（UTC+8）{date} 00:00 起可用。',
  'msg.photo.grant.used.hint': '請在台灣時間午夜過後再來，或現在改用付費方案（4 張候選、無浮水印）。',
  'msg.photo.grant.notEligible': 'KingJam Cloud 不會把這次呼叫當作每日免費照片支付：{detail}',
  'msg.photo.grant.notEligible.hint': '免費照片是 Gemini、Seedream 或 FLUX Kontext 的一張含浮水印候選圖。請改選其中之一，或改用付費方案。',
};

const zhCN: Record<Key, string> = {
  'msg.photo.grant.used': '今天的免费照片已经用过了。下一张免费照片从台湾时间（UTC+8）{date} 00:00 起可用。',
  'msg.photo.grant.used.hint': '请在台湾时间午夜过后再来，或现在改用付费方案（4 张候选、无水印）。',
  'msg.photo.grant.notEligible': 'KingJam Cloud 不会把这次调用当作每日免费照片支付：{detail}',
  'msg.photo.grant.notEligible.hint': '免费照片是 Gemini、Seedream 或 FLUX Kontext 的一张带水印候选图。请改选其中之一，或改用付费方案。',
};

export const PHOTOGRANT_MESSAGES = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
