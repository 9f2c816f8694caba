import { costLine, estimate, PRICES, type Estimate } from '../../shared/pricing.js';
import { variantsFor, type Costume, type MotionBackend, type PhotoBackend, type PhotoTier, type PhotoVia, type RepairBackend } from '../../shared/photo/requests.js';

/** What a run is priced on (the shape of `photoEstimate`'s input in src/shared/photo/estimate.ts). */
export type PhotoPriceInput =
  | { task: 'fuse' | 'makeover'; backend: PhotoBackend; via: PhotoVia; tier: PhotoTier; costume?: Costume | undefined }
  | { task: 'repair'; backend: RepairBackend; via: PhotoVia }
  | { task: 'motion'; backend: MotionBackend; via: PhotoVia; seconds: number };

/**
 * The estimate of one run: the only place the service asks for a photo price.
 *
 * Issue 15 prices photos in `photoEstimate` (src/shared/photo/estimate.ts,
 * another part of the work, same input); until it is merged this prices a
 * paid local run and every image-model variant at the catalogue's standard
 * image price (credits on KingJam Cloud and for local work against the
 * offline allowance, nothing on the user's own key), and this function
 * becomes that one call when it is.
 */
export function photoRunEstimate(input: PhotoPriceInput): Estimate {
  const price = PRICES.image.standard;
  const provider = input.via === 'own-key' ? 'gemini' : 'cloud';
  if (input.task === 'repair') return estimate(input.backend === 'comfyui' ? [] : [costLine('photo.repair', provider, price)]);
  if (input.task === 'motion') return estimate(input.backend === 'local' ? [] : [costLine('photo.motion', provider, price)]);
  if (input.backend === 'offline' || input.backend === 'comfyui') {
    return estimate(input.tier === 'paid' ? [costLine('photo.localPack', 'cloud', price)] : []);
  }
  return estimate([costLine('photo.variants', provider, price * variantsFor(input.tier))]);
}
