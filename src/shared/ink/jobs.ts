/**
 * The worker jobs of the 2D studio (AI Ink Assistant, PSD export) (issue 16): kinds, payload schemas and results.
 * Spread into src/shared/jobs/kinds.ts; the handlers are in src/workers/ink/loaders.ts.
 */
export const inkJobKinds = {} as const;

export type InkJobResults = Record<never, never>;
