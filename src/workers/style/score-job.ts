import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { progressLabel } from '../../shared/progress-labels.js';
import { scoreImage } from '../../shared/style/score.js';
import type { JobContext } from '../context.js';
import { measureImage } from './measure.js';

/** `style.score`: measure each image and score it against the profile's palette, lines and reference hashes. */
export async function scoreStyle(p: JobPayload<'style.score'>, ctx: JobContext): Promise<JobResults['style.score']> {
  const scores: JobResults['style.score']['scores'] = [];
  for (const file of p.images) {
    ctx.progress(scores.length / p.images.length, progressLabel('processingImage'));
    const { features } = await measureImage(file);
    scores.push({ ...scoreImage(p.reference, features), path: file, features });
  }
  return { scores };
}
