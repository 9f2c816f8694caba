import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import { currentModel, findModel, offeredModels } from '../../../shared/models.js';
import { modelUnavailable } from './errors.js';
import { inputImages, type AspectRatio, type ImageRequest, type ModelInfo, type VideoRequest } from './types.js';

/**
 * Which Replicate model a request runs on, and the input that model takes.
 * The model list is the catalogue's (src/shared/models.ts): a retired id runs
 * on its successor, and the studio's older short ids (`kling-v2.1-pro`,
 * `veo-3-fast`, `flux-schnell` …, still in saved projects and Director
 * backends) name catalogue models. Input names were read from each model's
 * API page on Replicate (see shared/reference/providers.md).
 */

export type ReplicateCapability = 'text' | 'image' | 'video';
type MediaRequest = ImageRequest | VideoRequest;
type InputBuilder = (req: MediaRequest, pro: boolean) => Record<string, unknown>;

export interface ReplicateModel {
  /** The catalogue id (`owner/name`), after following successors. */
  id: string;
  capability: ReplicateCapability;
  label: string;
  /** `owner/name` or `owner/name:version`, as sent. */
  ref: string;
  /** Kling's 1080p mode. */
  pro: boolean;
  input: InputBuilder;
  /** Seconds of the clip a video model makes for this request. */
  clipSeconds?: (req: VideoRequest) => number;
}

/** The studio's short ids, from before the catalogue, to catalogue ids. */
const SHORT_IDS: Record<string, { id: string; pro?: true }> = {
  'kling-v2.1': { id: 'kwaivgi/kling-v2.1' },
  'kling-v2.1-pro': { id: 'kwaivgi/kling-v2.1', pro: true },
  'veo-3-fast': { id: 'google/veo-3-fast' },
  'veo-3': { id: 'google/veo-3' },
  'flux-schnell': { id: 'black-forest-labs/flux-schnell' },
  'flux-1.1-pro': { id: 'black-forest-labs/flux-1.1-pro' },
};

export const REPLICATE_DEFAULTS = {
  text: 'meta/meta-llama-3.1-405b-instruct',
  image: 'black-forest-labs/flux-schnell',
  imageFine: 'black-forest-labs/flux-1.1-pro',
  video: 'kwaivgi/kling-v2.1',
} as const;

const dataUri = (img: { bytes: Buffer; mimeType: string }): string => `data:${img.mimeType};base64,${img.bytes.toString('base64')}`;

function aspect(want: AspectRatio | undefined, allowed: readonly string[]): string {
  const a = want ?? '1:1';
  if (allowed.includes(a)) return a;
  return a === '4:5' && allowed.includes('3:4') ? '3:4' : '1:1';
}

function klingClip(req: VideoRequest): number {
  return req.durationSec !== undefined && req.durationSec > 5 ? 10 : 5;
}

/** kwaivgi/kling-v2.1: prompt, start_image (required), mode standard|pro, duration 5|10, negative_prompt. */
const kling: InputBuilder = (req, pro) => {
  if (!req.image) {
    throw new StudioError({ code: 'BAD_INPUT', message: 'Kling v2.1 animates a start image: this scene has none.', hint: 'Generate or pick an image for the scene first.', field: 'image', ...say('provider.needsStartImage', { model: 'Kling v2.1' }) });
  }
  const video = req as VideoRequest;
  return { prompt: req.prompt, start_image: dataUri(req.image), mode: pro || video.resolution === '1080p' ? 'pro' : 'standard', duration: klingClip(video), ...(req.negativePrompt ? { negative_prompt: req.negativePrompt } : {}) };
};

/** google/veo-3.1(-fast): prompt, aspect_ratio 16:9|9:16, duration 4|6|8, image, negative_prompt, resolution 720p|1080p, seed. Clips are sold as 8 s. */
const veo: InputBuilder = (req) => {
  const video = req as VideoRequest;
  return {
    prompt: req.prompt,
    aspect_ratio: video.aspectRatio === '9:16' ? '9:16' : '16:9',
    duration: 8,
    resolution: video.resolution ?? '720p',
    ...(req.image ? { image: dataUri(req.image) } : {}),
    ...(req.negativePrompt ? { negative_prompt: req.negativePrompt } : {}),
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
  };
};

/**
 * bytedance/seedream-4: prompt, size 1K|2K|4K, aspect_ratio, max_images, image_input (1–10 references), seed.
 * Seedream 4.5 is newer, but its Replicate schema has no `seed`: the photo
 * studio's four variants are seeds 1001–1004, so 4 stays the model here.
 */
const seedream: InputBuilder = (req) => {
  const image = req as ImageRequest;
  const refs = inputImages(image);
  return {
    prompt: req.prompt,
    size: image.quality === 'fine' ? '4K' : '2K',
    aspect_ratio: aspect(image.aspectRatio, ['1:1', '4:3', '3:4', '16:9', '9:16', '3:2', '2:3', '21:9']),
    max_images: image.count ?? 1,
    ...(refs.length ? { image_input: refs.map(dataUri) } : {}),
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
  };
};

/**
 * black-forest-labs/flux-kontext-pro: prompt, input_image (one), aspect_ratio (match_input_image or a ratio),
 * output_format png, seed. Kontext edits one image: callers with several
 * (a family's people and a background) lay them out on one reference sheet
 * first (src/workers/photo/online/reference-sheet.ts).
 */
const fluxKontext: InputBuilder = (req) => {
  const image = req as ImageRequest;
  const [first] = inputImages(image);
  return {
    prompt: req.prompt,
    ...(first ? { input_image: dataUri(first) } : {}),
    aspect_ratio: image.aspectRatio ?? (first ? 'match_input_image' : '1:1'),
    output_format: 'png',
    safety_tolerance: 2,
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
  };
};

function seedanceClip(req: VideoRequest): number {
  return req.durationSec !== undefined && req.durationSec > 5 ? 10 : 5;
}

/**
 * bytedance/seedance-1-lite: prompt, image (first frame), duration 5|10, resolution 480p|720p|1080p,
 * aspect_ratio (ignored with an image), camera_fixed, seed. The camera is held still when the prompt asks
 * for minimal motion (a photo whose people must not move).
 */
const seedance: InputBuilder = (req) => {
  const video = req as VideoRequest;
  return {
    prompt: req.prompt,
    ...(req.image ? { image: dataUri(req.image) } : {}),
    duration: seedanceClip(video),
    resolution: video.resolution ?? '720p',
    aspect_ratio: video.aspectRatio ?? '16:9',
    camera_fixed: true,
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
  };
};

/**
 * sczhou/codeformer (a community model: run by version): image, codeformer_fidelity 0…1 (higher keeps the
 * face closer to the photo: 0.7 for family photos, where likeness matters more than polish),
 * background_enhance (Real-ESRGAN on the rest), face_upsample, upscale.
 */
const codeformer: InputBuilder = (req) => {
  const [photo] = inputImages(req as ImageRequest);
  if (!photo) throw new StudioError({ code: 'BAD_INPUT', message: 'CodeFormer restores a photo: this request has none.', field: 'image', ...say('photo.online.noPhoto', { model: 'CodeFormer' }) });
  return { image: dataUri(photo), codeformer_fidelity: 0.7, background_enhance: true, face_upsample: true, upscale: 2 };
};

/** FLUX schnell / 1.1 pro: prompt, aspect_ratio, output_format png (lossless), seed. */
const flux: InputBuilder = (req) => ({
  prompt: req.prompt,
  aspect_ratio: aspect((req as ImageRequest).aspectRatio, ['1:1', '16:9', '9:16', '4:5', '3:4', '4:3']),
  output_format: 'png',
  ...(req.seed !== undefined ? { seed: req.seed } : {}),
});

/** Text models take their input from replicate-text.ts; a media request never reaches one (the capability check stops it). */
const noMediaInput: InputBuilder = (req) => ({ prompt: req.prompt });

const INPUTS: Record<string, { input: InputBuilder; clipSeconds?: (req: VideoRequest) => number }> = {
  'kwaivgi/kling-v2.1': { input: kling, clipSeconds: klingClip },
  'google/veo-3.1': { input: veo, clipSeconds: () => 8 },
  'google/veo-3.1-fast': { input: veo, clipSeconds: () => 8 },
  'bytedance/seedream-4': { input: seedream },
  'black-forest-labs/flux-kontext-pro': { input: fluxKontext },
  'bytedance/seedance-1-lite': { input: seedance, clipSeconds: seedanceClip },
  'sczhou/codeformer': { input: codeformer },
  'black-forest-labs/flux-schnell': { input: flux },
  'black-forest-labs/flux-1.1-pro': { input: flux },
  'meta/meta-llama-3.1-405b-instruct': { input: noMediaInput },
};

/** The models this provider offers, from the catalogue. */
export function replicateModels(): ModelInfo[] {
  return (['text', 'image', 'video'] as const).flatMap((capability) => offeredModels('replicate', capability).map((m) => ({ id: m.id, capability, label: m.label })));
}

/**
 * The model a request names (catalogue id, short id, or any `owner/name`),
 * as it runs today. A model the catalogue has retired runs on its successor;
 * one outside the catalogue gets the common `{prompt, image?, seed?}` input.
 */
export function resolveReplicateModel(model: string, capability: ReplicateCapability): ReplicateModel {
  const short = SHORT_IDS[model];
  const asked = short?.id ?? model;
  const known = findModel('replicate', asked);
  if (known) {
    const now = currentModel('replicate', asked);
    const inputs = now ? INPUTS[now.id] : undefined;
    if (!now || !inputs) throw modelUnavailable('replicate', model, 'it has been retired and has no successor this studio can drive.');
    if (now.capability !== capability) throw modelUnavailable('replicate', model, `it is a ${now.capability} model, not a ${capability} model.`);
    // A community model has no model-level endpoint: it runs by the version the catalogue pins.
    return { id: now.id, capability, label: now.label, ref: now.version ? `${now.id}:${now.version}` : now.id, pro: short?.pro ?? false, ...inputs };
  }
  if (/^[\w.-]+\/[\w.-]+(:[0-9a-f]{64})?$/.test(model)) {
    return { id: model, capability, label: model, ref: model, pro: false, input: (r) => ({ prompt: r.prompt, ...(r.image ? { image: dataUri(r.image) } : {}), ...(r.seed !== undefined ? { seed: r.seed } : {}) }) };
  }
  throw modelUnavailable('replicate', model, `it is not a Replicate ${capability} model this studio knows.`);
}
