import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { StudioError } from '../../shared/errors.js';
import type { JobContext } from '../context.js';

/** `mesh.pack` — placeholder until its area is built (issue 16). */
export async function packMesh(_p: JobPayload<'mesh.pack'>, _ctx: JobContext): Promise<JobResults['mesh.pack']> {
  throw new StudioError({ code: 'INTERNAL', message: 'mesh.pack is not built yet.' });
}
