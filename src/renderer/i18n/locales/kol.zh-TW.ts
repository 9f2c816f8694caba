import type { KolMessages } from './kol.en.js';

/** zh-TW：family `kol`（issue 14）。 */
export const kolZhTW: KolMessages = {
};
