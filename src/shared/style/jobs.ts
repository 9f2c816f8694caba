/**
 * The worker jobs of Style-Locker (issue 16): kinds, payload schemas and results.
 * Spread into src/shared/jobs/kinds.ts; the handlers are in src/workers/style/loaders.ts.
 */
export const styleJobKinds = {} as const;

export type StyleJobResults = Record<never, never>;
