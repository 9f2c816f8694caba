import type { JobHandler } from '../context.js';

/** Handlers of Style-Locker's job kinds (src/shared/style/jobs.ts), loaded on first use; spread into ../handlers.ts. */
export const styleLoaders = {
  'style.extract': async () => (await import('./extract-job.js')).extractStyle,
  'style.score': async () => (await import('./score-job.js')).scoreStyle,
} satisfies Record<string, () => Promise<JobHandler<never>>>;
