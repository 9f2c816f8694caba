/** Message keys of data lifecycle: retention and temp cleanup, stars, disk usage, /metrics (issue 17), each `lifecycle.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const LIFECYCLE_MESSAGES = {} as const;
