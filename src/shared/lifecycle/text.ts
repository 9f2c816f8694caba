import { areaText } from '../area-text.js';

/**
 * Texts of data lifecycle: retention and temp cleanup, stars, disk usage, /metrics that main says as well as the page: error messages
 * (`msg.lifecycle.*`, keys in ./messages.ts) and CLI lines (`lifecycle.cli.*`), in the
 * three languages. The `lifecycle` locale family spreads these in.
 */
const en = {} as const;

export type LifecycleTextKey = keyof typeof en;

const zhTW: Record<LifecycleTextKey, string> = {};

const zhCN: Record<LifecycleTextKey, string> = {};

export const lifecycleText = areaText<LifecycleTextKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
