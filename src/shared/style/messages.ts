/** Message keys of the Style-Locker (issue 16), each `style.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const STYLE_MESSAGES = {} as const;
