import type { JobHandler } from '../context.js';

/** Handlers of the 2D studio (AI Ink Assistant, PSD export)'s job kinds (src/shared/ink/jobs.ts), loaded on first use; spread into ../handlers.ts. */
export const inkLoaders = {
  'ink.clean': async () => (await import('./clean-job.js')).cleanInk,
  'ink.psd': async () => (await import('./psd-job.js')).inkPsd,
} satisfies Record<string, () => Promise<JobHandler<never>>>;
