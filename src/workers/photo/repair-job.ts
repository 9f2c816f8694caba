import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import type { JobContext } from '../context.js';

// Placeholder while issue 15 is built in parallel; replaced by the real handler.
export async function repairPhoto(_p: JobPayload<'photo.repair'>, _ctx: JobContext): Promise<JobResults['photo.repair']> {
  throw new Error('photo.repair is not built yet');
}
