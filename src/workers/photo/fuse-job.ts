import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import type { JobContext } from '../context.js';

// Placeholder while issue 15 is built in parallel; replaced by the real handler.
export async function fusePhoto(_p: JobPayload<'photo.fuse'>, _ctx: JobContext): Promise<JobResults['photo.fuse']> {
  throw new Error('photo.fuse is not built yet');
}

export async function makeoverPhoto(_p: JobPayload<'photo.makeover'>, _ctx: JobContext): Promise<JobResults['photo.makeover']> {
  throw new Error('photo.makeover is not built yet');
}
