import { imageCredits } from '../call-prices.js';
import { modelForTier } from '../models.js';
import { photoModel } from '../photo/estimate.js';
import type { PhotoVia } from '../photo/requests.js';
import type { Estimate } from '../pricing.js';
import type { VariantBackend } from './jobs.js';

/**
 * What a run of character variants costs before it is made (issue 16), from
 * the one model catalogue the photo studio prices with (src/shared/photo/estimate.ts):
 * on KingJam Cloud each variant is one image of the backend's model; on the
 * user's own key the same line costs no credits (billed by Google or
 * Replicate); the user's ComfyUI costs nothing.
 */
export const VARIANT_LINE = 'character.variants';

export function variantsEstimate(input: { backend: VariantBackend; via: PhotoVia; count: number }): Estimate {
  if (input.backend === 'comfyui') return { total: 0, lines: [] };
  const model = input.backend === 'gemini' ? (modelForTier('gemini', 'image', 'standard') ?? photoModel('gemini')) : photoModel(input.backend);
  const credits = imageCredits(model, input.count);
  const line = input.via === 'cloud' ? { label: VARIANT_LINE, credits, billing: 'credits' as const } : { label: VARIANT_LINE, credits: 0, billing: 'own-key' as const };
  return { total: line.credits, lines: [line] };
}
