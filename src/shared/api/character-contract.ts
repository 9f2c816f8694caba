/** The calls of characters, the Prompt-Board and pose variants (issue 16); spread into the contract. */
export const characterCalls = {} as const;

export type CharacterCallName = keyof typeof characterCalls;

/** Pushed when one of characters, the Prompt-Board and pose variants's records changed; the page reloads what it shows. */
export interface CharacterChangedEvent {
  id: string;
}
