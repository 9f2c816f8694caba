import type { Estimate } from '../../shared/pricing.js';
import { costLine, estimate, PRICES } from '../../shared/pricing.js';
import { isLocalPhotoBackend, type PhotoBackend, type PhotoTier, type PhotoVia } from '../../shared/photo/requests.js';
import type { PhotoRunKind } from '../../shared/api/photo-contract.js';

/** What a run is priced on: the only place the service asks for a photo price. */
export interface PhotoPriceInput {
  kind: PhotoRunKind;
  tier: PhotoTier;
  /** The image, repair or motion backend. */
  backend: PhotoBackend | 'replicate' | 'local' | 'kling' | 'veo' | 'seedance';
  via: PhotoVia;
  variants: number;
  costume: boolean;
}

/**
 * The estimate of one run. The free tier costs nothing; a paid run costs
 * each variant at the catalogue's standard image price, billed as credits
 * when KingJam Cloud or this machine (the offline allowance) does the work
 * and to the user's own key otherwise.
 *
 * Issue 15 gives photo prices to `photoEstimate` in src/shared/photo/estimate.ts
 * (another part of the work); until it is merged this is the whole price,
 * and when it is, this function becomes that one call.
 */
export function photoRunEstimate(input: PhotoPriceInput): Estimate {
  if (input.tier === 'free') return estimate([]);
  const ownKey = input.via === 'own-key' && !isLocalPhotoBackend(input.backend as PhotoBackend) && input.backend !== 'local';
  const provider = ownKey ? 'gemini' : 'cloud';
  const lines = Array.from({ length: input.variants }, (_, i) => costLine(`${input.kind} ${i + 1} (${input.backend})`, provider, PRICES.image.standard));
  if (input.costume) lines.push(costLine('costume', provider, PRICES.image.standard));
  return estimate(lines);
}
