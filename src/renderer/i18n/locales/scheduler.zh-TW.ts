import type { SchedulerMessages } from './scheduler.en.js';

/** zh-TW：family `scheduler`（issue 13）。 */
export const schedulerZhTW: SchedulerMessages = {
};
