/**
 * The server messages (`msg.*`) of the renderer's `style` family, in the three
 * languages: the renderer's catalogs spread them, and `kingjam` says them
 * (src/main/cli/error-lines.ts), which may not import the renderer.
 */
const en = {
  'msg.style.imageCount': 'A style is extracted from {min}–{max} reference images; {count} were given.',
  'msg.style.imageCount.hint': 'Pick between {min} and {max} images that share the look you want.',
  'msg.style.unreadable': '"{file}" could not be read as an image.',
  'msg.style.unreadable.hint': 'Use a PNG, JPEG or WebP file.',
  'msg.style.clipUnreadable': 'The clip "{file}" could not be decoded, so it was not scored against the style.',
  'msg.style.clipUnreadable.hint': 'The score does not hold up the video. If the clip does not play either, render this scene again.',
  'msg.style.notReady': 'The style "{name}" has no measured features yet.',
  'msg.style.notReady.hint': 'Wait for its extraction to finish, or extract it again.',
  'msg.style.notLocked': 'The style "{name}" is not locked.',
  'msg.style.notLocked.hint': 'Lock it on the Style-Locker page before generating with it.',
  'msg.style.locked': 'The style "{name}" is locked.',
  'msg.style.locked.hint': 'Unlock it to edit, then lock it again.',
} as const;

type Key = keyof typeof en;

const zhTW: Record<Key, string> = {
  'msg.style.imageCount': '風格需從 {min}–{max} 張參考圖萃取；目前有 {count} 張。',
  'msg.style.imageCount.hint': '挑選 {min} 到 {max} 張具有你想要的風格的圖片。',
  'msg.style.unreadable': '無法將「{file}」讀取為圖片。',
  'msg.style.unreadable.hint': '請使用 PNG、JPEG 或 WebP 檔案。',
  'msg.style.clipUnreadable': '無法解碼影片片段「{file}」，因此沒有對照風格評分。',
  'msg.style.clipUnreadable.hint': '評分不會耽誤影片。如果這段片段也無法播放，請重新算圖這一幕。',
  'msg.style.notReady': '風格「{name}」尚未完成特徵量測。',
  'msg.style.notReady.hint': '請等萃取完成，或重新萃取。',
  'msg.style.notLocked': '風格「{name}」尚未鎖定。',
  'msg.style.notLocked.hint': '請先在風格鎖頁面鎖定它，再用它生成。',
  'msg.style.locked': '風格「{name}」已鎖定。',
  'msg.style.locked.hint': '解除鎖定後再編輯，完成後重新鎖定。',
};

const zhCN: Record<Key, string> = {
  'msg.style.imageCount': '风格需从 {min}–{max} 张参考图提取；目前有 {count} 张。',
  'msg.style.imageCount.hint': '挑选 {min} 到 {max} 张具有你想要的风格的图片。',
  'msg.style.unreadable': '无法将“{file}”读取为图片。',
  'msg.style.unreadable.hint': '请使用 PNG、JPEG 或 WebP 文件。',
  'msg.style.clipUnreadable': '无法解码视频片段“{file}”，因此没有对照风格评分。',
  'msg.style.clipUnreadable.hint': '评分不会耽误视频。如果这段片段也无法播放，请重新渲染这一幕。',
  'msg.style.notReady': '风格“{name}”尚未完成特征测量。',
  'msg.style.notReady.hint': '请等提取完成，或重新提取。',
  'msg.style.notLocked': '风格“{name}”尚未锁定。',
  'msg.style.notLocked.hint': '请先在风格锁页面锁定它，再用它生成。',
  'msg.style.locked': '风格“{name}”已锁定。',
  'msg.style.locked.hint': '解除锁定后再编辑，完成后重新锁定。',
};

export const STYLE_MESSAGES = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
