/** Message keys of every output a library item (issue 17), each `outputs.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const OUTPUTS_MESSAGES = {} as const;
