import type { PhotoVia, RepairBackend } from '../../../shared/photo/requests.js';
import { PHOTO_LIMITS } from '../../../shared/photo/limits.js';
import { photoModel } from '../../../shared/photo/estimate.js';
import type { JobContext } from '../../context.js';
import { providerFailedBecause } from '../../generation/providers/errors.js';
import type { ImageResult } from '../../generation/providers/types.js';
import { withCallLimit } from './limits.js';
import { comfyProvider, onlineProvider } from './providers.js';
import { COMFY_RUN_MS, type OnlineVariant } from './variant.js';

/**
 * Old-photo repair (seed §3.2 scene C, issue 15 phase 2): face restoration
 * with scratch and noise cleanup — CodeFormer on Replicate (its background
 * pass is Real-ESRGAN), through KingJam Cloud or the user's Replicate key — or
 * the user's own ComfyUI restoration workflow (its "image" node gets the photo).
 */

export interface RepairInput {
  /** The photo to repair (a normalised PNG). */
  photo: Buffer;
  backend: RepairBackend;
  via: PhotoVia;
  workflow?: string | undefined;
}

const RESTORE_PROMPT = 'Restore this old family photo: remove scratches, dust, creases and noise, restore the faces faithfully without changing who they are, keep the original composition and colours.';

export async function repairOnline(input: RepairInput, ctx: JobContext): Promise<OnlineVariant> {
  const image = { bytes: input.photo, mimeType: 'image/png' };
  let result: ImageResult;
  if (input.backend === 'comfyui') {
    const comfy = comfyProvider(ctx, input.workflow, COMFY_RUN_MS);
    result = await withCallLimit('ComfyUI', ctx.signal, (signal) => comfy.generateImage({ prompt: RESTORE_PROMPT, image, seed: PHOTO_LIMITS.seeds[0] }, { signal, jobId: ctx.jobId }), { timeoutMs: COMFY_RUN_MS });
  } else {
    const model = photoModel('repair');
    const generator = onlineProvider(model.upstream, input.via, ctx).image;
    if (!generator) throw new Error('the Replicate provider makes no images');
    // CodeFormer takes no prompt: the restoration is its whole job (the field is the request type's, not sent).
    result = await withCallLimit(model.label, ctx.signal, (signal) => generator.generateImage({ model: model.id, prompt: RESTORE_PROMPT, image }, { signal, jobId: ctx.jobId }));
  }
  const [first] = result.images;
  if (!first) throw providerFailedBecause(result.provider, 'noImage', true);
  return { bytes: first.bytes, mimeType: first.mimeType, provider: result.provider, model: result.model };
}
