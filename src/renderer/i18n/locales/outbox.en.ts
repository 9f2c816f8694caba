import { OUTBOX_MESSAGES } from '../../../shared/i18n/areas/outbox.js';
/** English texts of family `outbox` (issue 13: publishing): its UI strings (`outbox.*`) and the texts of its server message keys (`msg.publish.*`). */
export const outboxEn = {
  ...OUTBOX_MESSAGES.en,
} satisfies Record<`outbox.${string}` | `msg.publish.${string}`, string>;

export type OutboxMessages = Record<keyof typeof outboxEn, string>;
