/** English texts of family `character` (issue 16: characters and the Prompt-Board). */
export const characterEn = {
  'character.nav': 'Characters',
} as const;

export type CharacterMessages = Record<keyof typeof characterEn, string>;
