import { OUTBOX_MESSAGES } from '../../../shared/i18n/areas/outbox.js';
import type { OutboxMessages } from './outbox.en.js';

/** zh-CN：family `outbox`（issue 13）。 */
export const outboxZhCN: OutboxMessages = {
  ...OUTBOX_MESSAGES['zh-CN'],
};
