import { areaText } from '../area-text.js';
import { storeEn, storeZhCN, storeZhTW } from './store-text.js';

/**
 * Texts of the render farm (BullMQ + Redis workers, shared file store) that main says as well as the page: error messages
 * (`msg.farm.*`, keys in ./messages.ts) and CLI lines (`farm.cli.*`), in the
 * three languages. The `farm` locale family spreads these in.
 */
const en = {
  ...storeEn,
} as const;

export type FarmTextKey = keyof typeof en;

const zhTW: Record<FarmTextKey, string> = {
  ...storeZhTW,
};

const zhCN: Record<FarmTextKey, string> = {
  ...storeZhCN,
};

export const farmText = areaText<FarmTextKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
