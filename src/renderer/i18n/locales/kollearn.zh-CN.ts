import type { KollearnMessages } from './kollearn.en.js';

/** zh-CN：family `kollearn`（issue 14）。 */
export const kollearnZhCN: KollearnMessages = {
};
