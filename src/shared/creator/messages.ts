/** Message keys of characters and the Prompt-Board (issue 16), each `character.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const CHARACTER_MESSAGES = {
  /** The text model did not write the concepts (or the rewrite) within the call's deadline. */
  'character.textTimedOut': { params: ['seconds'], hint: true },
  /** A character id that is not (or no longer) in the studio. */
  'character.notFound': { params: [] },
  /** A variant id that is not (or no longer) on the character. */
  'character.variantNotFound': { params: [] },
  /** A reference must be an image in the media library. */
  'character.referenceNotImage': { params: ['name'], hint: true },
  /** Variants are drawn from the character's reference images: it has none yet. */
  'character.noReferences': { params: ['name'], hint: true },
  /** The Prompt-Board's job ended without concepts (failed or canceled). */
  'character.conceptsFailed': { params: ['detail'], hint: true },
} as const;
