import type { KoltrigMessages } from './koltrig.en.js';

/** zh-TW：family `koltrig`（issue 14）。 */
export const koltrigZhTW: KoltrigMessages = {
};
