export const QUEUES = ['high', 'default', 'video'] as const;
export type QueueName = (typeof QUEUES)[number];
