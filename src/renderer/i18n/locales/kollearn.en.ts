import { KOL_LEARN_ENGLISH } from '../../../shared/kol/learning/english-texts.js';

/** English texts of family `kollearn` (issue 14: engagement and learning): its UI strings (`kollearn.*`) and the texts of its server message keys (`msg.kol.learn.*`, kept in src/shared for the CLI). */
export const kollearnEn = {
  ...KOL_LEARN_ENGLISH,
} satisfies Record<`kollearn.${string}` | `msg.kol.learn.${string}`, string>;

export type KollearnMessages = Record<keyof typeof kollearnEn, string>;
