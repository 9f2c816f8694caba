import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { StudioError } from '../../shared/errors.js';
import type { JobContext } from '../context.js';

/** `mesh.make` — placeholder until its area is built (issue 16). */
export async function makeMesh(_p: JobPayload<'mesh.make'>, _ctx: JobContext): Promise<JobResults['mesh.make']> {
  throw new StudioError({ code: 'INTERNAL', message: 'mesh.make is not built yet.' });
}
