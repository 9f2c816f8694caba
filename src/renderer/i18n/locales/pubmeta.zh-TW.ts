import type { PubmetaMessages } from './pubmeta.en.js';

/** zh-TW：family `pubmeta`（issue 13）。 */
export const pubmetaZhTW: PubmetaMessages = {
};
