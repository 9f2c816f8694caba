/**
 * The one model catalogue: every upstream model the studio drives, what it
 * does, what it costs and where it is in its life. The desktop's providers,
 * the pickers, the estimates and the cloud gateway's allow-list all read it,
 * so a model added, re-priced or shut down changes in one place.
 *
 * Ids are the upstream's own. Lifecycle dates were read from the services'
 * deprecation pages on 2026-12-04 and checked again on 2026-12-06 (see
 * ../shared/reference/providers.md): no model sold here has a shutdown date
 * yet; Gemini 3.7 Flash is already routed to 3.8 Flash. A model that has gone
 * is never sent: its successor answers instead.
 */
import type { VideoBackend } from './pricing.js';

export const UPSTREAMS = ['gemini', 'replicate'] as const;
export type Upstream = (typeof UPSTREAMS)[number];

export type ModelCapability = 'text' | 'image' | 'video' | 'speech' | 'mesh';

/** Priced in credits (10 credits = NT$1). */
export type PriceRule =
  /** Text: tokens in and out (thinking counts as output), per million, rounded up per call, at least `minimum`. */
  | { unit: 'tokens'; inputPerMillion: number; outputPerMillion: number; minimum: number }
  /** Images: each image made. */
  | { unit: 'image'; perImage: number; perSceneStill?: number }
  /** Video: each clip, by its length in seconds (and, for Kling, its mode). */
  | { unit: 'clip'; bySeconds: Readonly<Record<number, number>>; proBySeconds?: Readonly<Record<number, number>> }
  /** Speech: each started minute of audio made by one call. */
  | { unit: 'speech-minute'; perMinute: number }
  /** Image → 3D: each model (one GLB) a call makes. */
  | { unit: 'model'; perModel: number };

export type Lifecycle =
  /** Served and sold. */
  | { status: 'current' }
  /** Still answers but is announced to go: offered no more, its successor is chosen for new work. */
  | { status: 'deprecated'; shutdownOn: string; successor: string }
  /** Gone from the service: never sent; work that names it runs on the successor. */
  | { status: 'shut-down'; shutdownOn: string; successor: string };

export interface CatalogModel {
  upstream: Upstream;
  /** The upstream's own id (Gemini model name, Replicate `owner/name`). */
  id: string;
  capability: ModelCapability;
  label: string;
  /** Which seed tier the model stands for: Flash/Pro/Pro Latest text, standard/fine images. */
  tier?: 'flash' | 'pro' | 'pro-latest' | 'standard' | 'fine';
  price: PriceRule;
  lifecycle: Lifecycle;
  /** A service alias that follows the newest model (`gemini-pro-latest`): priced by its tier. */
  alias?: boolean;
  /** The model refuses sampling parameters (temperature, top_p, top_k): they are not sent. */
  noSampling?: boolean;
  /** A Replicate community model runs by version only (no model-level endpoint): the version sent, pinned. */
  version?: string;
}

/**
 * Gemini text is priced from each model's list price on ai.google.dev/gemini-api/docs/pricing
 * (US$ per million tokens, thinking billed as output; read 2026-12-06 through published
 * transcriptions of that page): at NT$32 to the dollar and 10 credits to NT$1, the input at about
 * list price and the output a quarter above it. The Flash models' prices differ within one
 * generation, so each is priced as itself:
 * - Gemini 3.6 Flash and 3.8 Flash (which `gemini-flash-latest` follows) are US$0.75 / 3.75
 *   through 2026-12-31 and US$1.50 / 7.50 from 2027-01-01: priced at the later, 480 / 3,000, so
 *   no call sold now costs more than it earns after the change;
 * - Gemini 3.5 Flash US$1.50 / 9.00 → 480 / 3,600;
 * - Gemini 3.1 Pro (and `gemini-pro-latest`) US$2 / 12 → 600 / 4,800.
 */
const FLASH_TEXT: PriceRule = { unit: 'tokens', inputPerMillion: 480, outputPerMillion: 3_000, minimum: 1 };
const FLASH_35_TEXT: PriceRule = { unit: 'tokens', inputPerMillion: 480, outputPerMillion: 3_600, minimum: 1 };
const PRO_TEXT: PriceRule = { unit: 'tokens', inputPerMillion: 600, outputPerMillion: 4_800, minimum: 2 };
const STANDARD_IMAGE: PriceRule = { unit: 'image', perImage: 15 };
/**
 * The Director's still model: a scene's still (purpose `director-scene`) is 10 credits, so an
 * Imagen + FFmpeg video of 5–12 scenes costs the seed's 50–120 (seed 000 §3.3), and a Kling
 * scene's first frame fits inside the seed's Kling price (KLING below leaves room for it).
 */
const SCENE_STILL_IMAGE: PriceRule = { ...STANDARD_IMAGE, perSceneStill: 10 };
const FINE_IMAGE: PriceRule = { unit: 'image', perImage: 45 };
/** Seed 000 §3.3: Veo 3 Fast 200, Veo 3 (Pro) 350 per 8-second clip. */
const VEO_FAST: PriceRule = { unit: 'clip', bySeconds: { 8: 200 } };
const VEO: PriceRule = { unit: 'clip', bySeconds: { 8: 350 } };
/**
 * Seed 000 §3.3: a Kling v2.1 scene is 720p 5 s 30, 10 s 55; Pro 1080p 5 s 50, 10 s 90. A scene is
 * its first frame (a 10-credit scene still) and this clip, so the clip is priced 10 below the seed's figure.
 */
const KLING: PriceRule = { unit: 'clip', bySeconds: { 5: 20, 10: 45 }, proBySeconds: { 5: 40, 10: 80 } };
const SPEECH: PriceRule = { unit: 'speech-minute', perMinute: 5 };
/**
 * Seedance 1 Lite image-to-video (the photo studio's minimal-motion clip): priced as Kling's
 * seed figures (720p 5 s 30, 10 s 55), the photo being the first frame the user already has.
 */
const SEEDANCE: PriceRule = { unit: 'clip', bySeconds: { 5: 30, 10: 55 } };
/** Face restoration (CodeFormer) is a few seconds of a small GPU: one repaired photo. */
const RESTORE_IMAGE: PriceRule = { unit: 'image', perImage: 10 };
/**
 * Llama 3.1 405B on Replicate is billed per token, US$9.50 per million in and
 * out alike (the model page, "Priced per token"); at NT$32 to the dollar and
 * 10 credits to NT$1 that is 3,040 credits per million each way.
 */
const REPLICATE_LLAMA_TEXT: PriceRule = { unit: 'tokens', inputPerMillion: 3_040, outputPerMillion: 3_040, minimum: 2 };

/**
 * Image → 3D on Replicate (issue 16). Replicate bills community models by GPU
 * time, not per run (replicate.com/pricing: Nvidia A100 80GB US$0.0014/s,
 * Nvidia L40S ≈US$0.00097/s; read 2026-12-05). TRELLIS runs ~40 s on an A100
 * (≈US$0.06), Hunyuan3D-2 2–3 min on an L40S (≈US$0.12–0.18). Neither model
 * page's "costs approximately $X to run" figure was in the sources searched,
 * so these run times stay estimates, checked against per-run prices elsewhere:
 * fal.ai sells TRELLIS (fal-ai/trellis) at US$0.02 a request
 * (fal.ai/models/fal-ai/trellis) and lists no Hunyuan3D-2 endpoint any more
 * (only Hunyuan3D v3/v3.1, fal-ai/hunyuan-3d/v3.1/pro/image-to-3d); Hunyuan3D
 * v3 is US$0.25 a run on WaveSpeed (wavespeed.ai/models/wavespeed-ai/hunyuan3d-v3/image-to-3d),
 * Hunyuan3D-2mv ~US$0.31 (~101 s) on Segmind (segmind.com/models/hunyuan3d-2mv).
 * At NT$32 to the dollar and 10 credits to NT$1 the Replicate estimates are
 * ~18 and ~38–58 credits, priced with the margin the other models carry (a
 * slow run must not cost more than it earns). docs/3d-sources.md cites the same.
 */
const TRELLIS_MODEL: PriceRule = { unit: 'model', perModel: 30 };
const HUNYUAN3D_MODEL: PriceRule = { unit: 'model', perModel: 60 };

const current: Lifecycle = { status: 'current' };
const gone = (shutdownOn: string, successor: string): Lifecycle => ({ status: 'shut-down', shutdownOn, successor });

export const MODEL_CATALOG: readonly CatalogModel[] = [
  // Gemini text: the seed's Flash / Pro / Pro Latest, of the current generation. The Flash tier's
  // default is the first Flash here: 3.6 Flash, whose output costs less than 3.5 Flash's.
  { upstream: 'gemini', id: 'gemini-3.6-flash', capability: 'text', label: 'Gemini 3.6 Flash', tier: 'flash', price: FLASH_TEXT, lifecycle: current, noSampling: true },
  { upstream: 'gemini', id: 'gemini-3.5-flash', capability: 'text', label: 'Gemini 3.5 Flash', tier: 'flash', price: FLASH_35_TEXT, lifecycle: current },
  { upstream: 'gemini', id: 'gemini-3.1-pro-preview', capability: 'text', label: 'Gemini 3.1 Pro', tier: 'pro', price: PRO_TEXT, lifecycle: current },
  { upstream: 'gemini', id: 'gemini-pro-latest', capability: 'text', label: 'Gemini Pro Latest', tier: 'pro-latest', price: PRO_TEXT, lifecycle: current, alias: true, noSampling: true },
  { upstream: 'gemini', id: 'gemini-flash-latest', capability: 'text', label: 'Gemini Flash Latest', tier: 'flash', price: FLASH_TEXT, lifecycle: current, alias: true, noSampling: true },
  { upstream: 'gemini', id: 'gemini-2.5-flash', capability: 'text', label: 'Gemini 2.5 Flash', tier: 'flash', price: FLASH_TEXT, lifecycle: gone('2026-06-17', 'gemini-3.6-flash') },
  { upstream: 'gemini', id: 'gemini-2.5-pro', capability: 'text', label: 'Gemini 2.5 Pro', tier: 'pro', price: PRO_TEXT, lifecycle: gone('2026-06-17', 'gemini-3.1-pro-preview') },
  // Gemini images: the Gemini image models answer generateContent with image parts (Imagen 4 is gone).
  { upstream: 'gemini', id: 'gemini-3.1-flash-image', capability: 'image', label: 'Gemini 3.1 Flash Image', tier: 'standard', price: SCENE_STILL_IMAGE, lifecycle: current },
  { upstream: 'gemini', id: 'gemini-3-pro-image', capability: 'image', label: 'Gemini 3 Pro Image', tier: 'fine', price: FINE_IMAGE, lifecycle: current },
  { upstream: 'gemini', id: 'imagen-4.0-generate-001', capability: 'image', label: 'Imagen 4', tier: 'standard', price: STANDARD_IMAGE, lifecycle: gone('2026-08-17', 'gemini-3.1-flash-image') },
  { upstream: 'gemini', id: 'imagen-4.0-fast-generate-001', capability: 'image', label: 'Imagen 4 Fast', tier: 'standard', price: STANDARD_IMAGE, lifecycle: gone('2026-08-17', 'gemini-3.1-flash-image') },
  { upstream: 'gemini', id: 'imagen-4.0-ultra-generate-001', capability: 'image', label: 'Imagen 4 Ultra', tier: 'fine', price: FINE_IMAGE, lifecycle: gone('2026-08-17', 'gemini-3-pro-image') },
  { upstream: 'gemini', id: 'gemini-2.5-flash-image', capability: 'image', label: 'Gemini 2.5 Flash Image', tier: 'standard', price: STANDARD_IMAGE, lifecycle: gone('2026-10-02', 'gemini-3.1-flash-image') },
  // Veo through the Gemini API: long-running operations.
  { upstream: 'gemini', id: 'veo-3.1-fast-generate-preview', capability: 'video', label: 'Veo 3.1 Fast', price: VEO_FAST, lifecycle: current },
  { upstream: 'gemini', id: 'veo-3.1-generate-preview', capability: 'video', label: 'Veo 3.1', price: VEO, lifecycle: current },
  { upstream: 'gemini', id: 'veo-3.0-fast-generate-001', capability: 'video', label: 'Veo 3 Fast', price: VEO_FAST, lifecycle: gone('2026-06-30', 'veo-3.1-fast-generate-preview') },
  { upstream: 'gemini', id: 'veo-3.0-generate-001', capability: 'video', label: 'Veo 3', price: VEO, lifecycle: gone('2026-06-30', 'veo-3.1-generate-preview') },
  // Gemini speech.
  { upstream: 'gemini', id: 'gemini-3.1-flash-tts-preview', capability: 'speech', label: 'Gemini 3.1 Flash TTS', price: SPEECH, lifecycle: current },
  { upstream: 'gemini', id: 'gemini-2.5-flash-preview-tts', capability: 'speech', label: 'Gemini 2.5 Flash TTS', price: SPEECH, lifecycle: gone('2026-06-17', 'gemini-3.1-flash-tts-preview') },
  { upstream: 'gemini', id: 'gemini-2.5-pro-preview-tts', capability: 'speech', label: 'Gemini 2.5 Pro TTS', price: SPEECH, lifecycle: gone('2026-06-17', 'gemini-3.1-flash-tts-preview') },
  // Replicate text: an official, per-token-priced language model, so a Replicate-only user can write (its output is a token stream, an array of strings).
  { upstream: 'replicate', id: 'meta/meta-llama-3.1-405b-instruct', capability: 'text', label: 'Llama 3.1 405B Instruct', price: REPLICATE_LLAMA_TEXT, lifecycle: current },
  // Replicate video.
  { upstream: 'replicate', id: 'kwaivgi/kling-v2.1', capability: 'video', label: 'Kling v2.1', price: KLING, lifecycle: current },
  { upstream: 'replicate', id: 'google/veo-3.1-fast', capability: 'video', label: 'Veo 3.1 Fast', price: VEO_FAST, lifecycle: current },
  { upstream: 'replicate', id: 'google/veo-3.1', capability: 'video', label: 'Veo 3.1', price: VEO, lifecycle: current },
  { upstream: 'replicate', id: 'google/veo-3-fast', capability: 'video', label: 'Veo 3 Fast', price: VEO_FAST, lifecycle: gone('2026-06-30', 'google/veo-3.1-fast') },
  { upstream: 'replicate', id: 'google/veo-3', capability: 'video', label: 'Veo 3', price: VEO, lifecycle: gone('2026-06-30', 'google/veo-3.1') },
  // Replicate images.
  { upstream: 'replicate', id: 'bytedance/seedream-4', capability: 'image', label: 'Seedream 4', tier: 'standard', price: STANDARD_IMAGE, lifecycle: current },
  { upstream: 'replicate', id: 'black-forest-labs/flux-1.1-pro', capability: 'image', label: 'FLUX1.1 [pro]', tier: 'fine', price: FINE_IMAGE, lifecycle: current },
  { upstream: 'replicate', id: 'black-forest-labs/flux-schnell', capability: 'image', label: 'FLUX.1 [schnell]', tier: 'standard', price: STANDARD_IMAGE, lifecycle: current },
  // Replicate image editing and restoration for the photo studio (no tier: never a default for covers).
  { upstream: 'replicate', id: 'black-forest-labs/flux-kontext-pro', capability: 'image', label: 'FLUX.1 Kontext [pro]', price: STANDARD_IMAGE, lifecycle: current },
  { upstream: 'replicate', id: 'sczhou/codeformer', capability: 'image', label: 'CodeFormer', price: RESTORE_IMAGE, lifecycle: current, version: '7de2ea26c616d5bf2245ad0d5e24f0ff9a6204578a5c876db53142edd9d2cd56' },
  { upstream: 'replicate', id: 'bytedance/seedance-1-lite', capability: 'video', label: 'Seedance 1 Lite', price: SEEDANCE, lifecycle: current },
  // Replicate image → 3D for the 3D builder (community models: run by the version pinned here, read from their API pages).
  { upstream: 'replicate', id: 'firtoz/trellis', capability: 'mesh', label: 'TRELLIS', price: TRELLIS_MODEL, lifecycle: current, version: 'e8f6c45206993f297372f5436b90350817bd9b4a0d52d2a76df50c1c8afa2b3c' },
  { upstream: 'replicate', id: 'tencent/hunyuan3d-2', capability: 'mesh', label: 'Hunyuan3D-2', price: HUNYUAN3D_MODEL, lifecycle: current, version: 'b1b9449a1277e10402781c5d41eb30c0a0683504fb23fab591ca9dfc2aabe1cb' },
];

/** `catalog`: the studio's; a test that retires a model names its own copy. */
export function findModel(upstream: Upstream, id: string, catalog: readonly CatalogModel[] = MODEL_CATALOG): CatalogModel | undefined {
  return catalog.find((m) => m.upstream === upstream && m.id === id);
}

/** A model as it must be sent today: itself while current, else the end of its successor chain. */
export function currentModel(upstream: Upstream, id: string, catalog: readonly CatalogModel[] = MODEL_CATALOG): CatalogModel | undefined {
  let model = findModel(upstream, id, catalog);
  for (let hops = 0; model && model.lifecycle.status !== 'current' && hops < 8; hops++) {
    model = findModel(upstream, model.lifecycle.successor, catalog);
  }
  return model?.lifecycle.status === 'current' ? model : undefined;
}

/** The models a picker offers for a capability: current ones only. */
export function offeredModels(upstream: Upstream, capability: ModelCapability): CatalogModel[] {
  return MODEL_CATALOG.filter((m) => m.upstream === upstream && m.capability === capability && m.lifecycle.status === 'current');
}

/** The current model standing for a seed tier (Flash, Pro, Pro Latest, standard or fine image). */
export function modelForTier(upstream: Upstream, capability: ModelCapability, tier: NonNullable<CatalogModel['tier']>): CatalogModel | undefined {
  return offeredModels(upstream, capability).find((m) => m.tier === tier && !m.alias) ?? offeredModels(upstream, capability).find((m) => m.tier === tier);
}

/**
 * Each Director video backend's model on each upstream that serves it (the
 * backend names are the studio's own, not any service's id). A backend an
 * upstream does not serve has no entry there.
 */
const VIDEO_BACKEND_MODELS: Readonly<Partial<Record<VideoBackend, Partial<Record<Upstream, string>>>>> = {
  'veo-3-fast': { gemini: 'veo-3.1-fast-generate-preview', replicate: 'google/veo-3.1-fast' },
  'veo-3': { gemini: 'veo-3.1-generate-preview', replicate: 'google/veo-3.1' },
  'kling-v2.1': { replicate: 'kwaivgi/kling-v2.1' },
  'kling-v2.1-pro': { replicate: 'kwaivgi/kling-v2.1' },
};

/** The model id to send for a Director backend on an upstream (followed to its current successor); undefined where that upstream does not serve it. */
export function videoModelFor(backend: VideoBackend, upstream: Upstream): string | undefined {
  const id = VIDEO_BACKEND_MODELS[backend]?.[upstream];
  return id ? currentModel(upstream, id)?.id : undefined;
}
