import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { checkPhoto as runCheck } from './check.js';

/** `photo.check`: normalise one upload and check its faces (runs in a worker: the face model takes a second to load, then ~0.1 s a photo). */
export async function checkPhoto(p: JobPayload<'photo.check'>, ctx: JobContext): Promise<JobResults['photo.check']> {
  ctx.progress(0.1, progressLabel('processingImage'));
  return runCheck(p.input, p.out, p.purpose);
}
