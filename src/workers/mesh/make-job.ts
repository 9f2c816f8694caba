import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { DRAFT_MESH_BACKENDS, isReplicateMeshBackend, MESH_LOCAL_MODELS } from '../../shared/mesh/backends.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { comfyMesh } from './sources/comfyui.js';
import { keepGlb } from './sources/download.js';
import { meshyMesh } from './sources/meshy.js';
import { offlineRelief } from './sources/offline.js';
import { replicateMesh, type MeshCandidate } from './sources/replicate.js';

/**
 * `mesh.make` — one image → 3D candidate from one backend (issue 16, step 1),
 * written as a GLB to `payload.out`: TRELLIS or Hunyuan3D-2 on Replicate
 * (KingJam Cloud's credits or the user's key), Meshy (the user's key), the
 * user's ComfyUI 3D workflow, or the offline relief (a draft). Every
 * candidate is checked to be a GLB with triangles before it is kept; the
 * builder then checks and scores them (mesh.check).
 */

/** What the online models are sent: the picture at most 1024 px on its long side, as PNG (transparency kept: the models cut the subject out better from it). */
const SEND_LONG_SIDE = 1024;

async function readImage(file: string): Promise<Buffer> {
  const name = path.basename(file);
  const bad = (detail: string): StudioError =>
    new StudioError({ code: 'INVALID_MEDIA', message: `${name} cannot be read as an image (${detail}).`, hint: 'Choose a PNG, JPEG or WebP picture of the character.', field: 'image', ...say('mesh.source.badImage', { file: name }) });
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (err) {
    throw bad((err as NodeJS.ErrnoException).code ?? 'unreadable');
  }
  const meta = await sharp(bytes).metadata().catch(() => null);
  if (!meta?.width || !meta.height) throw bad('not a picture');
  return bytes;
}

async function forSending(bytes: Buffer): Promise<{ bytes: Buffer; mimeType: string }> {
  const png = await sharp(bytes).rotate().resize(SEND_LONG_SIDE, SEND_LONG_SIDE, { fit: 'inside', withoutEnlargement: true }).png().toBuffer();
  return { bytes: png, mimeType: 'image/png' };
}

export async function makeMesh(p: JobPayload<'mesh.make'>, ctx: JobContext): Promise<JobResults['mesh.make']> {
  const bytes = await readImage(p.image);
  ctx.progress(0.02, progressLabel('checkingInputs'));
  let made: MeshCandidate;
  if (p.backend === 'offline') {
    ctx.progress(0.1, progressLabel('processingImage'));
    const relief = await offlineRelief(p.image, bytes);
    made = { summary: await keepGlb(relief.glb, p.out, 'offline'), model: MESH_LOCAL_MODELS.offline };
  } else if (isReplicateMeshBackend(p.backend)) {
    made = await replicateMesh({ backend: p.backend, via: p.via, image: await forSending(bytes), seed: p.seed, out: p.out }, ctx);
  } else if (p.backend === 'meshy') {
    made = await meshyMesh({ image: await forSending(bytes), out: p.out }, ctx);
  } else {
    made = await comfyMesh({ image: await forSending(bytes), workflow: p.workflow, seed: p.seed, out: p.out }, ctx);
  }
  ctx.progress(1, progressLabel('done'));
  return { path: p.out, backend: p.backend, draft: DRAFT_MESH_BACKENDS.includes(p.backend), triangles: made.summary.triangles, model: made.model };
}
