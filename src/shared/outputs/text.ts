import { areaText } from '../area-text.js';

/**
 * Texts of every output a library item that main says as well as the page: error messages
 * (`msg.outputs.*`, keys in ./messages.ts) and CLI lines (`outputs.cli.*`), in the
 * three languages. The `outputs` locale family spreads these in.
 */
const en = {} as const;

export type OutputsTextKey = keyof typeof en;

const zhTW: Record<OutputsTextKey, string> = {};

const zhCN: Record<OutputsTextKey, string> = {};

export const outputsText = areaText<OutputsTextKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
