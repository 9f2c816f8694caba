import type { KoltrigMessages } from './koltrig.en.js';

/** zh-CN：family `koltrig`（issue 14）。 */
export const koltrigZhCN: KoltrigMessages = {
};
