import fs from 'node:fs';
import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { repairOnline } from './online/repair.js';
import { saveResultPng } from './online/save.js';

/**
 * `photo.repair`: an old photo through face restoration (CodeFormer on
 * Replicate, or the user's ComfyUI workflow), saved as a PNG of at most 2 MB
 * with provenance. The original stays untouched, for the before/after slider.
 */
export async function repairPhoto(p: JobPayload<'photo.repair'>, ctx: JobContext): Promise<JobResults['photo.repair']> {
  const photo = await fs.promises.readFile(p.photo);
  ctx.progress(0.05, progressLabel('generating'));
  const repaired = await repairOnline({ photo, backend: p.backend, via: p.via, workflow: p.workflow }, ctx);
  ctx.progress(0.9, progressLabel('downloading'));
  const saved = await saveResultPng(repaired.bytes, p.out);
  ctx.progress(1, progressLabel('done'));
  return { ...saved, provider: repaired.provider, model: repaired.model };
}
