import type { PubrestMessages } from './pubrest.en.js';

/** zh-TW：family `pubrest`（issue 13）。 */
export const pubrestZhTW: PubrestMessages = {
};
