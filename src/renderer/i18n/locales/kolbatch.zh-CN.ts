import type { KolbatchMessages } from './kolbatch.en.js';

/** zh-CN：family `kolbatch`（issue 14）。 */
export const kolbatchZhCN: KolbatchMessages = {
};
