import type { Language } from '../settings.js';

/**
 * The 2D studio's texts that main says as well as the page: its error messages
 * (`msg.ink.*`) and what `kingjam ink` prints (`ink.cli.*`), in the three
 * languages. The CLI in main may not import the renderer's catalogs; the `ink`
 * locale family spreads these in (src/renderer/i18n/locales/ink.*.ts).
 */
const en = {
  'msg.ink.unreadable': '“{file}” is not a picture the 2D studio can read.',
  'msg.ink.unreadable.hint': 'Scan or photograph the sketch as JPG or PNG and try again.',
  'msg.ink.too-large': '“{file}” is {size} MB; sketches up to {limit} MB can be cleaned.',
  'msg.ink.too-large.hint': 'Export the scan at a lower resolution (300 dpi is plenty) and try again.',
  'msg.ink.no-lines': 'No lines were found on “{file}”.',
  'msg.ink.no-lines.hint': 'Photograph the sketch in even light, filling the frame, or draw the lines darker.',
  'msg.ink.not-image': '“{name}” is not an image.',
  'msg.ink.not-image.hint': 'Choose a scanned or photographed sketch (JPG, PNG, WebP…).',
  'msg.ink.run-not-found': 'That 2D studio run is not here any more ({id}).',
  'msg.ink.output-missing': 'The sketch has no cleaned result yet ({kind}).',
  'ink.cli.cleaned': 'Cleaned {name}: skew {angle}°, {paths} paths, {curves} curves.',
  'ink.cli.wrote': 'Wrote {file}',
  'ink.cli.psd': 'Layered PSD of {name}: {width}×{height}, layers {layers}.',
} as const;

export type InkTextKey = keyof typeof en;

const zhTW: Record<InkTextKey, string> = {
  'msg.ink.unreadable': '「{file}」不是 2D 工作室能讀取的圖片。',
  'msg.ink.unreadable.hint': '請把草稿掃描或拍攝成 JPG 或 PNG 後再試一次。',
  'msg.ink.too-large': '「{file}」有 {size} MB；草稿最大可清理 {limit} MB。',
  'msg.ink.too-large.hint': '請以較低解析度匯出掃描檔（300 dpi 就足夠）後再試。',
  'msg.ink.no-lines': '在「{file}」上找不到線條。',
  'msg.ink.no-lines.hint': '請在光線均勻處拍攝、讓草稿填滿畫面，或把線條畫深一點。',
  'msg.ink.not-image': '「{name}」不是圖片。',
  'msg.ink.not-image.hint': '請選擇掃描或拍攝的草稿（JPG、PNG、WebP…）。',
  'msg.ink.run-not-found': '這次 2D 工作室的處理已不存在（{id}）。',
  'msg.ink.output-missing': '這張草稿還沒有清理結果（{kind}）。',
  'ink.cli.cleaned': '已清理 {name}：歪斜 {angle}°，{paths} 條路徑，{curves} 段曲線。',
  'ink.cli.wrote': '已寫入 {file}',
  'ink.cli.psd': '{name} 的分層 PSD：{width}×{height}，圖層 {layers}。',
};

const zhCN: Record<InkTextKey, string> = {
  'msg.ink.unreadable': '“{file}”不是 2D 工作室能读取的图片。',
  'msg.ink.unreadable.hint': '请把草稿扫描或拍摄成 JPG 或 PNG 后再试一次。',
  'msg.ink.too-large': '“{file}”有 {size} MB；草稿最大可清理 {limit} MB。',
  'msg.ink.too-large.hint': '请以较低分辨率导出扫描件（300 dpi 就足够）后再试。',
  'msg.ink.no-lines': '在“{file}”上找不到线条。',
  'msg.ink.no-lines.hint': '请在光线均匀处拍摄、让草稿填满画面，或把线条画深一点。',
  'msg.ink.not-image': '“{name}”不是图片。',
  'msg.ink.not-image.hint': '请选择扫描或拍摄的草稿（JPG、PNG、WebP…）。',
  'msg.ink.run-not-found': '这次 2D 工作室的处理已不存在（{id}）。',
  'msg.ink.output-missing': '这张草稿还没有清理结果（{kind}）。',
  'ink.cli.cleaned': '已清理 {name}：歪斜 {angle}°，{paths} 条路径，{curves} 段曲线。',
  'ink.cli.wrote': '已写入 {file}',
  'ink.cli.psd': '{name} 的分层 PSD：{width}×{height}，图层 {layers}。',
};

export const INK_SERVICE_TEXT: Record<Language, Record<InkTextKey, string>> = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };

export function inkText(language: Language, key: InkTextKey, params: Record<string, string | number> = {}): string {
  return INK_SERVICE_TEXT[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether a message key has its text here (the CLI says those in the user's language). */
export function isInkText(key: string): key is InkTextKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
