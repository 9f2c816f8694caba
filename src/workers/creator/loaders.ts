import type { JobHandler } from '../context.js';

/** Handlers of Characters and the Prompt-Board's job kinds (src/shared/creator/jobs.ts), loaded on first use; spread into ../handlers.ts. */
export const characterLoaders = {
  'character.concepts': async () => (await import('./concepts.js')).writeConcepts,
  'character.rewrite': async () => (await import('./concepts.js')).rewriteCharacter,
  'character.reference': async () => (await import('./reference.js')).drawReference,
  'character.variants': async () => (await import('./variants.js')).makeCharacterVariants,
} satisfies Record<string, () => Promise<JobHandler<never>>>;
