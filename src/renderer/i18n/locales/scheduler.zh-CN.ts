import type { SchedulerMessages } from './scheduler.en.js';

/** zh-CN：family `scheduler`（issue 13）。 */
export const schedulerZhCN: SchedulerMessages = {
};
