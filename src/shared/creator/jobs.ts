/**
 * The worker jobs of Characters and the Prompt-Board (issue 16): kinds, payload schemas and results.
 * Spread into src/shared/jobs/kinds.ts; the handlers are in src/workers/creator/loaders.ts.
 */
export const characterJobKinds = {} as const;

export type CharacterJobResults = Record<never, never>;
