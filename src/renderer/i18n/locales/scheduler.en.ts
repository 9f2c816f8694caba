/** English texts of family `scheduler` (issue 13: publishing): its UI strings (`scheduler.*`) and the texts of its server message keys (`msg.publish.*`). */
export const schedulerEn = {
} satisfies Record<`scheduler.${string}` | `msg.publish.${string}`, string>;

export type SchedulerMessages = Record<keyof typeof schedulerEn, string>;
