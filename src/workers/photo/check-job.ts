import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import type { JobContext } from '../context.js';

// Placeholder while issue 15 is built in parallel; replaced by the real handler.
export async function checkPhoto(_p: JobPayload<'photo.check'>, _ctx: JobContext): Promise<JobResults['photo.check']> {
  throw new Error('photo.check is not built yet');
}
