import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { StudioError } from '../../shared/errors.js';
import type { JobContext } from '../context.js';

/** `mesh.prepare` — placeholder until its area is built (issue 16). */
export async function prepareMesh(_p: JobPayload<'mesh.prepare'>, _ctx: JobContext): Promise<JobResults['mesh.prepare']> {
  throw new StudioError({ code: 'INTERNAL', message: 'mesh.prepare is not built yet.' });
}
