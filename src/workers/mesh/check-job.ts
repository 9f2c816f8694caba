import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { checkMesh as runChecks, estimateMaterial } from './check/index.js';
import { readMeshFile } from './io/read.js';
import { closedOutward, writePreview } from './preview.js';
import { scaleToSize } from './scale.js';
import { isGltfFile, yUpToZUp } from './prepare/gltf-frame.js';

/** `mesh.check`: read a model, measure it at the print size for the process, estimate material, and optionally write the preview GLB. */
export async function checkMesh(p: JobPayload<'mesh.check'>, ctx: JobContext): Promise<JobResults['mesh.check']> {
  ctx.progress(0, progressLabel('checkingInputs'));
  const read = await readMeshFile(p.input);
  // glTF is Y-up; the checks (overhangs, the base, the bed) measure along Z, the build direction, as prepare and pack do.
  const mesh = (await isGltfFile(p.input)) ? yUpToZUp(read) : read;
  ctx.signal.throwIfAborted();
  ctx.progress(0.2, progressLabel('step', { step: 1, steps: p.previewOut ? 2 : 1 }));
  const outcome = runChecks(mesh, { sizeMm: p.sizeMm, process: p.process }, (f) => ctx.progress(0.2 + f * (p.previewOut ? 0.5 : 0.75)));
  ctx.signal.throwIfAborted();
  let previewPath: string | null = null;
  if (p.previewOut) {
    ctx.progress(0.75, progressLabel('step', { step: 2, steps: 2 }));
    // The preview is in the checked (scaled) coordinates, so the problem triangles and the ruler agree with the report.
    await writePreview(scaleToSize(mesh, p.sizeMm).mesh, outcome.problemTriangles, p.previewOut, { closedOutward: closedOutward(outcome.report) });
    previewPath = p.previewOut;
  }
  ctx.progress(1, progressLabel('done'));
  return { report: outcome.report, material: estimateMaterial(outcome.report, p.process), previewPath };
}
