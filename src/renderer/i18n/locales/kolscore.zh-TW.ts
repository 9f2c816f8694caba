import type { KolscoreMessages } from './kolscore.en.js';

/** zh-TW：family `kolscore`（issue 14）。 */
export const kolscoreZhTW: KolscoreMessages = {
};
