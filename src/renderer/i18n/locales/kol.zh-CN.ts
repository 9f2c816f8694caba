import type { KolMessages } from './kol.en.js';

/** zh-CN：family `kol`（issue 14）。 */
export const kolZhCN: KolMessages = {
};
