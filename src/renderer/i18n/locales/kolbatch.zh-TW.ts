import type { KolbatchMessages } from './kolbatch.en.js';

/** zh-TW：family `kolbatch`（issue 14）。 */
export const kolbatchZhTW: KolbatchMessages = {
};
