import { areaText } from '../area-text.js';

/**
 * Texts of every output a library item that main says as well as the page: error messages
 * (`msg.outputs.*`, keys in ./messages.ts) and CLI lines (`outputs.cli.*`), in the
 * three languages. The `outputs` locale family spreads these in.
 */
const en = {
  'msg.outputs.notMedia': '“{name}” is not an image, video or audio file the library keeps (.{ext}).',
  'msg.outputs.missing': 'The output “{name}” is no longer on disk.',
  'msg.outputs.empty': 'The output “{name}” is empty.',
} as const;

export type OutputsTextKey = keyof typeof en;

const zhTW: Record<OutputsTextKey, string> = {
  'msg.outputs.notMedia': '「{name}」不是素材庫收錄的圖片、影片或音訊檔（.{ext}）。',
  'msg.outputs.missing': '產出的檔案「{name}」已不在磁碟上。',
  'msg.outputs.empty': '產出的檔案「{name}」是空的。',
};

const zhCN: Record<OutputsTextKey, string> = {
  'msg.outputs.notMedia': '“{name}”不是素材库收录的图片、视频或音频文件（.{ext}）。',
  'msg.outputs.missing': '生成的文件“{name}”已不在磁盘上。',
  'msg.outputs.empty': '生成的文件“{name}”是空的。',
};

export const outputsText = areaText<OutputsTextKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
