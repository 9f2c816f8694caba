import type { OutboxMessages } from './outbox.en.js';

/** zh-CN：family `outbox`（issue 13）。 */
export const outboxZhCN: OutboxMessages = {
};
