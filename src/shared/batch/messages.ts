/** Message keys of headless batch runs (`kingjam batch run`) (issue 17), each `batch.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const BATCH_MESSAGES = {} as const;
