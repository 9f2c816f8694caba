export const QUEUES = ['high', 'default', 'video', 'mesh'] as const;
export type QueueName = (typeof QUEUES)[number];
