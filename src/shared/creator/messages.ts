/** Message keys of characters and the Prompt-Board (issue 16), each `character.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const CHARACTER_MESSAGES = {} as const;
