import { TRIG_ENGLISH } from '../../../shared/kol/trig-english.js';

/** English texts of family `koltrig` (issue 14: triggers and schedules): its UI strings (`koltrig.*`) and the texts of its server message keys (`msg.kol.trig.*`). */
export const koltrigEn = {
  ...TRIG_ENGLISH,
} satisfies Record<`koltrig.${string}` | `msg.kol.trig.${string}`, string>;

export type KoltrigMessages = Record<keyof typeof koltrigEn, string>;
