import type { JobHandler } from '../context.js';

/** Handlers of the 3D builder's job kinds (src/shared/mesh/jobs.ts), loaded on first use; spread into ../handlers.ts. */
export const meshLoaders = {
  'mesh.make': async () => (await import('./make-job.js')).makeMesh,
  'mesh.check': async () => (await import('./check-job.js')).checkMesh,
  'mesh.prepare': async () => (await import('./prepare-job.js')).prepareMesh,
  'mesh.pack': async () => (await import('./pack-job.js')).packMesh,
} satisfies Record<string, () => Promise<JobHandler<never>>>;
