/** Message keys of the 2D studio (issue 16), each `ink.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const INK_MESSAGES = {} as const;
