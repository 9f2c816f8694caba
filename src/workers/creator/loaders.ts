import type { JobHandler } from '../context.js';

/** Handlers of Characters and the Prompt-Board's job kinds (src/shared/creator/jobs.ts), loaded on first use; spread into ../handlers.ts. */
export const characterLoaders = {} satisfies Record<string, () => Promise<JobHandler<never>>>;
