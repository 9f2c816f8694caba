import { clipCredits, imageCredits } from '../call-prices.js';
import { StudioError } from '../errors.js';
import { say } from '../messages.js';
import { currentModel, findModel, modelForTier, type CatalogModel, type Upstream } from '../models.js';
import { PHOTO_PRICES, type CostLine, type Estimate } from '../pricing.js';
import { variantsFor, type Costume, type MotionBackend, type PhotoBackend, type PhotoTier, type PhotoVia, type RepairBackend } from './requests.js';

/**
 * What a photo costs before it is made (issue 15), from the one model
 * catalogue, so the estimate, the job's hold and the gateway's charge agree:
 * - on KingJam Cloud each variant is one image of the backend's model;
 * - on the user's own key the same lines cost no credits (billed by Google or Replicate);
 * - on this computer the free tier costs nothing and a paid run is the local pack (PHOTO_PRICES.localPack);
 * - motion on Kling / Veo / Seedance is one clip; repair is one restored image.
 * A replacement for a variant whose faces do not match is a line of its own
 * at 0: it is charged (at one variant's price) only if it is made.
 */

/** The catalogue model each online photo backend makes a variant with, and the one each paid motion backend and the repair use. */
export const PHOTO_MODELS = {
  gemini: { upstream: 'gemini', id: 'gemini-3.1-flash-image' },
  seedream: { upstream: 'replicate', id: 'bytedance/seedream-4' },
  'flux-kontext': { upstream: 'replicate', id: 'black-forest-labs/flux-kontext-pro' },
  repair: { upstream: 'replicate', id: 'sczhou/codeformer' },
  kling: { upstream: 'replicate', id: 'kwaivgi/kling-v2.1' },
  veo: { upstream: 'gemini', id: 'veo-3.1-fast-generate-preview' },
  seedance: { upstream: 'replicate', id: 'bytedance/seedance-1-lite' },
} as const satisfies Record<string, { upstream: Upstream; id: string }>;
export type PhotoModelRole = keyof typeof PHOTO_MODELS;

/** The labels of a photo estimate's lines; the renderer says them as `photoonline.line.<name>`. */
export const PHOTO_LINES = { variants: 'photo.variants', replacement: 'photo.replacement', localPack: 'photo.localPack', motion: 'photo.motion', repair: 'photo.repair' } as const;

export type PhotoEstimateInput =
  | { task: 'fuse' | 'makeover'; backend: PhotoBackend; via: PhotoVia; tier: PhotoTier; costume?: Costume | undefined }
  | { task: 'repair'; backend: RepairBackend; via: PhotoVia }
  | { task: 'motion'; backend: MotionBackend; via: PhotoVia; seconds: number };

/** The model a role runs on today (a retired catalogue id is priced as its successor, as the gateway charges it). */
export function photoModel(role: PhotoModelRole): CatalogModel {
  const named = PHOTO_MODELS[role];
  const model = currentModel(named.upstream, named.id) ?? findModel(named.upstream, named.id);
  if (!model) throw new Error(`the catalogue has no ${named.upstream} model ${named.id}`);
  return model;
}

/** One variant's image on a backend (the standard Gemini image tier stands for Gemini). */
function variantModel(backend: Exclude<PhotoBackend, 'offline' | 'comfyui'>): CatalogModel {
  if (backend === 'gemini') return modelForTier('gemini', 'image', 'standard') ?? photoModel('gemini');
  return photoModel(backend);
}

/** Seconds a motion backend's clip is sold at for the clip asked for (Kling and Seedance 5 or 10, Veo 8). */
export function motionClipSeconds(backend: Exclude<MotionBackend, 'local'>, seconds: number): number {
  if (backend === 'veo') return 8;
  return seconds > 5 ? 10 : 5;
}

function line(label: string, via: PhotoVia, credits: number): CostLine {
  return via === 'cloud' ? { label, credits, billing: 'credits' } : { label, credits: 0, billing: 'own-key' };
}

function total(lines: CostLine[]): Estimate {
  return { total: lines.reduce((sum, l) => sum + l.credits, 0), lines };
}

export function photoEstimate(input: PhotoEstimateInput): Estimate {
  if (input.task === 'repair') {
    if (input.backend === 'comfyui') return total([]);
    return total([line(PHOTO_LINES.repair, input.via, imageCredits(photoModel('repair'), 1))]);
  }
  if (input.task === 'motion') {
    if (input.backend === 'local') return total([]);
    const seconds = motionClipSeconds(input.backend, input.seconds);
    const credits = clipCredits(photoModel(input.backend), seconds);
    if (credits === undefined) throw new Error(`${PHOTO_MODELS[input.backend].id} sells no ${seconds} s clip`);
    return total([line(PHOTO_LINES.motion, input.via, credits)]);
  }
  const backend = input.backend;
  if (backend === 'offline' || backend === 'comfyui') {
    if (input.costume) {
      throw new StudioError({ code: 'BAD_INPUT', message: `A costume change needs an image-editing model; ${backend} cannot do it.`, field: 'costume', ...say('photo.online.costumeOnlineOnly', { backend }) });
    }
    return total(input.tier === 'paid' ? [{ label: PHOTO_LINES.localPack, credits: PHOTO_PRICES.localPack, billing: 'credits' }] : []);
  }
  const variants = variantsFor(input.tier);
  return total([line(PHOTO_LINES.variants, input.via, imageCredits(variantModel(backend), variants)), line(PHOTO_LINES.replacement, input.via, 0)]);
}
