import { clipCredits, imageCredits, modelCredits } from '../../../src/shared/call-prices.js';
import type { CatalogModel } from '../../../src/shared/models.js';

/**
 * What a Replicate prediction may cost and did cost, from the one model
 * catalogue (src/shared/models.ts) and its per-call prices
 * (src/shared/call-prices.ts). Pure: the gateway's routes hold `maxCost`
 * before a create goes upstream and capture `actualCost` once the prediction
 * has succeeded. Which models may run at all is the core's allow-list
 * (`Gateway.allowModel`, from the same catalogue).
 */

/** Replicate's own limits: FLUX schnell makes at most 4 images a call, Seedream 4 at most 15. */
export const MAX_IMAGES_PER_CALL = 15;

/** Kling v2.1's input defaults on Replicate (`mode` standard, `duration` 5). */
const KLING_DEFAULTS = { mode: 'standard', duration: 5 } as const;
/** Veo on Replicate makes one 8-second clip unless told otherwise; 8 s is the only length sold. */
const VEO_SECONDS = 8;

export interface MaxCost {
  credits: number;
  /** What is bought: one clip of `videoSeconds`, up to `images` images, or one 3D model. */
  units: { images?: number; video_seconds?: number; models?: number };
}

/** An input the price table cannot price: the create is refused before anything is held. */
export interface Unpriceable {
  field: string;
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function imageCount(input: Record<string, unknown>): number | Unpriceable {
  for (const field of ['num_outputs', 'max_images'] as const) {
    const v = input[field];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_IMAGES_PER_CALL) {
      return { field: `input.${field}`, message: `${field} must be a whole number from 1 to ${MAX_IMAGES_PER_CALL}` };
    }
  }
  const asked = [input.num_outputs, input.max_images].filter((v): v is number => typeof v === 'number');
  return asked.length ? Math.max(...asked) : 1;
}

function klingCost(model: CatalogModel, input: Record<string, unknown>): MaxCost | Unpriceable {
  const mode = input.mode ?? KLING_DEFAULTS.mode;
  if (mode !== 'standard' && mode !== 'pro') return { field: 'input.mode', message: 'mode must be "standard" or "pro"' };
  const seconds = input.duration ?? KLING_DEFAULTS.duration;
  const credits = typeof seconds === 'number' ? clipCredits(model, seconds, mode === 'pro') : undefined;
  if (credits === undefined) return { field: 'input.duration', message: 'duration must be 5 or 10' };
  return { credits, units: { video_seconds: seconds as number } };
}

/** Veo (8 s only) and Seedance (5 or 10 s, 5 by default on Replicate): the shortest length sold is the model's default. */
function fixedClipCost(model: CatalogModel, input: Record<string, unknown>): MaxCost | Unpriceable {
  const sold = model.price.unit === 'clip' ? Object.keys(model.price.bySeconds).map(Number) : [VEO_SECONDS];
  const seconds = input.duration ?? Math.min(...sold);
  const credits = typeof seconds === 'number' ? clipCredits(model, seconds) : undefined;
  if (credits === undefined) return { field: 'input.duration', message: `duration must be ${sold.join(' or ')}` };
  return { credits, units: { video_seconds: seconds as number } };
}

/** The most a create with this input can cost: what is held before it goes upstream. */
export function maxCost(model: CatalogModel, input: unknown): MaxCost | Unpriceable {
  if (!isRecord(input)) return { field: 'input', message: 'input must be an object' };
  switch (model.price.unit) {
    case 'clip':
      return model.price.proBySeconds ? klingCost(model, input) : fixedClipCost(model, input);
    case 'image': {
      const count = imageCount(input);
      if (typeof count !== 'number') return count;
      return { credits: imageCredits(model, count), units: { images: count } };
    }
    case 'model':
      // Image → 3D (TRELLIS, Hunyuan3D-2): one GLB a prediction, whatever else it renders alongside.
      return { credits: modelCredits(model, 1), units: { models: 1 } };
    default:
      return { field: 'model', message: `${model.id} is not sold through the Replicate gateway` };
  }
}

export const isUnpriceable = (c: MaxCost | Unpriceable): c is Unpriceable => 'field' in c;

/** Output URLs of a prediction: a string, an array of strings, or (some models) an object of them. */
export function outputUrls(output: unknown): string[] {
  if (typeof output === 'string') return output ? [output] : [];
  if (Array.isArray(output)) return output.flatMap(outputUrls);
  if (isRecord(output)) return Object.values(output).flatMap(outputUrls);
  return [];
}

/** What a call that delivered nothing bought, in the model's own unit. */
export function noUnits(model: CatalogModel): MaxCost['units'] {
  return model.price.unit === 'image' ? { images: 0 } : model.price.unit === 'model' ? { models: 0 } : { video_seconds: 0 };
}

export interface ActualCost {
  credits: number;
  units: MaxCost['units'];
}

/**
 * What a succeeded prediction did cost, never more than was held: a clip is
 * the one clip held for; images are counted from the output URLs. A
 * prediction that succeeded with no output delivered nothing and costs nothing.
 */
export function actualCost(model: CatalogModel, held: MaxCost, output: unknown): ActualCost {
  const made = outputUrls(output).length;
  if (made === 0) return { credits: 0, units: noUnits(model) };
  if (model.price.unit === 'image') {
    // A hold whose units were never written (a crash right after it was placed) still bounds the count.
    const images = Math.min(made, held.units.images ?? Math.floor(held.credits / model.price.perImage));
    return { credits: Math.min(held.credits, imageCredits(model, images)), units: { images } };
  }
  return { credits: held.credits, units: held.units };
}
