import { areaText } from '../area-text.js';

/**
 * Texts of headless batch runs (`kingjam batch run`) that main says as well as the page: error messages
 * (`msg.batch.*`, keys in ./messages.ts) and CLI lines (`batch.cli.*`), in the
 * three languages. The `batch` locale family spreads these in.
 */
const en = {} as const;

export type BatchTextKey = keyof typeof en;

const zhTW: Record<BatchTextKey, string> = {};

const zhCN: Record<BatchTextKey, string> = {};

export const batchText = areaText<BatchTextKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
