import { PUBREST_MESSAGES } from '../../../shared/i18n/areas/pubrest.js';
/** English texts of family `pubrest` (issue 13: publishing): its UI strings (`pubrest.*`) and the texts of its server message keys (`msg.publish.*`). */
export const pubrestEn = {
  ...PUBREST_MESSAGES.en,
} satisfies Record<`pubrest.${string}` | `msg.publish.${string}`, string>;

export type PubrestMessages = Record<keyof typeof pubrestEn, string>;
