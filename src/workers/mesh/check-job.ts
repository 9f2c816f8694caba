import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { StudioError } from '../../shared/errors.js';
import type { JobContext } from '../context.js';

/** `mesh.check` — placeholder until its area is built (issue 16). */
export async function checkMesh(_p: JobPayload<'mesh.check'>, _ctx: JobContext): Promise<JobResults['mesh.check']> {
  throw new StudioError({ code: 'INTERNAL', message: 'mesh.check is not built yet.' });
}
