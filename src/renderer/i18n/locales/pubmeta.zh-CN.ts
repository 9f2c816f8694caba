import type { PubmetaMessages } from './pubmeta.en.js';

/** zh-CN：family `pubmeta`（issue 13）。 */
export const pubmetaZhCN: PubmetaMessages = {
};
