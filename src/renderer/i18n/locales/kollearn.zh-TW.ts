import type { KollearnMessages } from './kollearn.en.js';

/** zh-TW：family `kollearn`（issue 14）。 */
export const kollearnZhTW: KollearnMessages = {
};
