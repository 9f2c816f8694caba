import { PUBMETA_MESSAGES } from '../../../shared/i18n/areas/pubmeta.js';
/** English texts of family `pubmeta` (issue 13: publishing): its UI strings (`pubmeta.*`) and the texts of its server message keys (`msg.publish.*`). */
export const pubmetaEn = {
  ...PUBMETA_MESSAGES.en,
} satisfies Record<`pubmeta.${string}` | `msg.publish.${string}`, string>;

export type PubmetaMessages = Record<keyof typeof pubmetaEn, string>;
