/**
 * The server messages (`msg.*`) of the renderer's `character` family, in the three
 * languages: the renderer's catalogs spread them, and `kingjam` says them
 * (src/main/cli/error-lines.ts), which may not import the renderer.
 */
const en = {
  'msg.character.textTimedOut': "The text model did not answer within {seconds} s.",
  'msg.character.textTimedOut.hint': "The provider may be busy: try again, or choose another text model.",
  'msg.character.variantNotFound': "This variant is no longer on the character.",
  'msg.character.referenceNotImage': "\"{name}\" is not an image, so it cannot be a reference.",
  'msg.character.referenceNotImage.hint': "Choose a PNG, JPEG or WebP picture of the character.",
  'msg.character.noReferences': "{name} has no reference image yet.",
  'msg.character.noReferences.hint': "Upload a picture of the character first: the variants are drawn from it.",
  'msg.character.conceptsFailed': "The text could not be written: {detail}",
  'msg.character.conceptsFailed.hint': "Try again, or choose another text model.",
} as const;

type Key = keyof typeof en;

const zhTW: Record<Key, string> = {
  'msg.character.textTimedOut': "文字模型沒有在 {seconds} 秒內回應。",
  'msg.character.textTimedOut.hint': "服務可能忙碌中，請再試一次，或改用其他文字模型。",
  'msg.character.variantNotFound': "這個變體已不在角色中。",
  'msg.character.referenceNotImage': "「{name}」不是圖片，無法作為參考圖。",
  'msg.character.referenceNotImage.hint': "請選擇角色的 PNG、JPEG 或 WebP 圖片。",
  'msg.character.noReferences': "「{name}」還沒有參考圖。",
  'msg.character.noReferences.hint': "請先上傳角色圖片：變體會依它繪製。",
  'msg.character.conceptsFailed': "無法完成撰寫：{detail}",
  'msg.character.conceptsFailed.hint': "請再試一次，或改用其他文字模型。",
};

const zhCN: Record<Key, string> = {
  'msg.character.textTimedOut': "文字模型没有在 {seconds} 秒内响应。",
  'msg.character.textTimedOut.hint': "服务可能忙碌中，请再试一次，或改用其他文字模型。",
  'msg.character.variantNotFound': "这个变体已不在角色中。",
  'msg.character.referenceNotImage': "“{name}”不是图片，无法作为参考图。",
  'msg.character.referenceNotImage.hint': "请选择角色的 PNG、JPEG 或 WebP 图片。",
  'msg.character.noReferences': "“{name}”还没有参考图。",
  'msg.character.noReferences.hint': "请先上传角色图片：变体会依它绘制。",
  'msg.character.conceptsFailed': "无法完成撰写：{detail}",
  'msg.character.conceptsFailed.hint': "请再试一次，或改用其他文字模型。",
};

export const CHARACTER_MESSAGES = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
