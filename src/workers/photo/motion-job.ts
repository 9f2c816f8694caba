import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import type { JobContext } from '../context.js';

// Placeholder while issue 15 is built in parallel; replaced by the real handler.
export async function photoMotion(_p: JobPayload<'photo.motion'>, _ctx: JobContext): Promise<JobResults['photo.motion']> {
  throw new Error('photo.motion is not built yet');
}
