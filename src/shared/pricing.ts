/**
 * Every price in credits, in one table (10 credits = NT$1). Video prices are
 * the seed's (000 §3.3); text, image and speech prices are ours, set so a
 * blog post with a cover costs about what a 5-second Kling clip does. Local
 * (Ollama, ComfyUI) and offline providers cost nothing.
 */
import { clipCredits, imageCredits, PROMPT_BUDGET_BYTES, speechCredits, textHoldCredits } from './call-prices.js';
import { currentModel, findModel, MODEL_CATALOG, modelForTier, offeredModels, videoModelFor, type CatalogModel, type Upstream } from './models.js';

export const VIDEO_BACKENDS = ['kling-v2.1', 'kling-v2.1-pro', 'veo-3-fast', 'veo-3', 'imagen-ffmpeg', 'comfyui', 'offline'] as const;
export type VideoBackend = (typeof VIDEO_BACKENDS)[number];

export const PRICES = {
  /** Images per image, from the catalogue's standard and fine tiers (models.ts). */
  image: {
    standard: imagePrice('standard'),
    fine: imagePrice('fine'),
  },
} as const;

/**
 * The photo studio's own prices (issue 15). Its image, restoration and clip
 * calls are priced by the catalogue model each backend uses
 * (src/shared/photo/estimate.ts); only the work on this computer has a price
 * of its own: a paid 4-choose-1 run on the offline compositor or the user's
 * ComfyUI is a pack of 60 credits (NT$6), held against the offline allowance
 * by the job queue like any other job's estimate.
 */
export const PHOTO_PRICES = {
  localPack: 60,
} as const;

function imagePrice(tier: 'standard' | 'fine'): number {
  const model = MODEL_CATALOG.find((m) => m.upstream === 'gemini' && m.capability === 'image' && m.tier === tier && m.lifecycle.status === 'current');
  if (model?.price.unit !== 'image') throw new Error(`the catalogue has no ${tier} image model`);
  return model.price.perImage;
}

/**
 * The blind-box resale market (issue 18): the platform's fee, paid by the
 * seller out of the price — 5 %, at least 1 credit, rounded up to a whole
 * credit. The seller receives the rest as PAID credits (spendable, not
 * withdrawable: resale must not turn free credits into cash).
 */
export const MARKET_PRICES = {
  feePercent: 5,
  minFee: 1,
  /** A listing below this price could not pay its own fee. */
  minPrice: 2,
} as const;

export function marketFee(price: number): number {
  return Math.max(MARKET_PRICES.minFee, Math.ceil((price * MARKET_PRICES.feePercent) / 100));
}

export function isFreeProvider(provider: string): boolean {
  return provider === 'offline' || provider === 'ollama' || provider === 'comfyui';
}

/**
 * The catalogue entry a text model name is priced as. Names outside the
 * catalogue — a dated version a provider reports back — are priced by their
 * family: a Pro model as Pro, never as Flash; a retired model as its successor.
 */
export function textPriceModel(model: string | undefined, provider?: string): CatalogModel {
  if (provider === 'replicate') {
    // Replicate writes with its own language model (the catalogue's first, unless the choice names another it lists).
    const own = (model ? currentModel('replicate', model) : undefined) ?? offeredModels('replicate', 'text')[0];
    if (own?.capability === 'text') return own;
  }
  const known = model ? currentModel('gemini', model) : undefined;
  if (known?.capability === 'text') return known;
  const tier = model && /(^|-)pro(-|$)/.test(model) ? 'pro' : 'flash';
  const priced = modelForTier('gemini', 'text', tier);
  if (!priced) throw new Error(`the catalogue has no ${tier} text model`);
  return priced;
}

/**
 * The text model calls each piece of writing makes at most: a structured
 * answer (a plan, captions, a script) is one call plus one repair round when
 * it comes back malformed; a blog also streams its article.
 */
export const TEXT_CALLS = { article: 3, captions: 2, script: 2 } as const;

/**
 * The most one piece of writing can cost with the chosen text model — each of
 * its calls at its ceiling — so the charge (each call by its real tokens) is
 * never more than the estimate.
 */
export function textCredits(choice: { provider: string; model?: string | undefined }, calls = 1): number {
  return isFreeProvider(choice.provider) ? 0 : calls * textHoldCredits(textPriceModel(choice.model, choice.provider), PROMPT_BUDGET_BYTES);
}

/**
 * One scene's voice-over: its narration is one speech call, priced by the
 * catalogue's speech rule (each started minute of that call's audio). The
 * estimate and the scene's hold price it at the scene's length, the charge at
 * the length of the audio that came back (never more than the hold), so what
 * was shown is what is held is what is charged. Free or no voice: nothing.
 */
export function narrationCredits(voiceProvider: string | null, seconds: number): number {
  if (!voiceProvider || isFreeProvider(voiceProvider)) return 0;
  return speechCredits(voiceModel(), seconds);
}

/** Clip lengths a video backend renders (a scene asks for the nearest one at or above its duration). */
export function clipSecondsFor(backend: VideoBackend, sceneSeconds: number): number {
  if (backend === 'kling-v2.1' || backend === 'kling-v2.1-pro') return sceneSeconds <= 5 ? 5 : 10;
  if (backend === 'veo-3' || backend === 'veo-3-fast') return 8;
  return sceneSeconds;
}

/**
 * The catalogue model each paid backend renders a clip with on KingJam Cloud
 * (Veo through the gateway's Gemini mount, Kling through its Replicate one),
 * and whether it is Kling's pro mode; the ids come from the catalogue's
 * backend table (videoModelFor).
 */
const CLOUD_UPSTREAM: Partial<Record<VideoBackend, Upstream>> = { 'kling-v2.1': 'replicate', 'kling-v2.1-pro': 'replicate', 'veo-3-fast': 'gemini', 'veo-3': 'gemini' };

function catalogued(upstream: Upstream, id: string): CatalogModel {
  const model = findModel(upstream, id);
  if (!model) throw new Error(`the catalogue has no ${upstream} model ${id}`);
  return model;
}

/** The model a Director still (Imagen + FFmpeg, and Kling's first frame) is drawn with: the standard image tier. */
function stillModel(): CatalogModel {
  const model = modelForTier('gemini', 'image', 'standard');
  if (!model) throw new Error('the catalogue has no standard image model');
  return model;
}

/** The voice-over model: the current Gemini speech model. */
function voiceModel(): CatalogModel {
  const model = offeredModels('gemini', 'speech')[0];
  if (!model) throw new Error('the catalogue has no speech model');
  return model;
}

/** The catalogue model a paid backend's clip is made with on KingJam Cloud (undefined for stills, local and offline backends). */
export function backendModel(backend: VideoBackend): { upstream: Upstream; id: string; pro?: boolean } | undefined {
  const upstream = CLOUD_UPSTREAM[backend];
  const id = upstream && videoModelFor(backend, upstream);
  return upstream && id ? { upstream, id, ...(backend === 'kling-v2.1-pro' ? { pro: true } : {}) } : undefined;
}

/**
 * What one scene of a paid clip backend costs by clip length — its first frame (Kling) and its
 * clip, as the gateway charges them: the seed's Kling and Veo prices. Undefined for stills, local and offline.
 */
export function scenePrices(backend: VideoBackend): Readonly<Record<number, number>> | undefined {
  const clip = backendModel(backend);
  const model = clip && catalogued(clip.upstream, clip.id);
  if (model?.price.unit !== 'clip') return undefined;
  const lengths = Object.keys(clip?.pro && model.price.proBySeconds ? model.price.proBySeconds : model.price.bySeconds).map(Number);
  return Object.fromEntries(lengths.map((seconds) => [seconds, sceneCharges(backend, [seconds])[0]!]));
}

/** The models a scene's render calls, as `upstream:id` (for the price check against the cloud's table). */
export function sceneModels(backend: VideoBackend, withVoice: boolean): string[] {
  const clip = backendModel(backend);
  const out: string[] = [];
  if (backend === 'imagen-ffmpeg' || backend === 'kling-v2.1' || backend === 'kling-v2.1-pro') out.push(`gemini:${stillModel().id}`);
  if (clip) out.push(`${clip.upstream}:${clip.id}`);
  if (withVoice) out.push(`gemini:${voiceModel().id}`);
  return out;
}

/**
 * What each scene's render costs, call by call, as the gateway charges it
 * (call-prices.ts): a scene still for Imagen + FFmpeg (10 credits: the
 * seed's 50–120 for 5–12 scenes); a first frame and a clip for Kling (the
 * seed's scene price together); a clip for Veo; nothing for local and
 * offline backends.
 */
export function sceneCharges(backend: VideoBackend, sceneSeconds: number[]): number[] {
  const clip = backendModel(backend);
  return sceneSeconds.map((seconds) => {
    if (backend === 'imagen-ffmpeg') return imageCredits(stillModel(), 1, 'director-scene');
    if (!clip) return 0;
    const clipPrice = clipCredits(catalogued(clip.upstream, clip.id), clipSecondsFor(backend, seconds), clip.pro);
    if (clipPrice === undefined) throw new Error(`${clip.id} sells no ${clipSecondsFor(backend, seconds)} s clip`);
    return clipPrice + (clip.upstream === 'replicate' ? imageCredits(stillModel(), 1, 'director-scene') : 0);
  });
}

/** The text model an estimate names, as `upstream:id`. */
export function textModelKey(model: string | undefined): string {
  return `gemini:${textPriceModel(model).id}`;
}

/** The image model a cover or post image of this quality is drawn with, as `upstream:id`. */
export function imageModelKey(quality: 'standard' | 'fine'): string {
  const model = modelForTier('gemini', 'image', quality);
  if (!model) throw new Error(`the catalogue has no ${quality} image model`);
  return `gemini:${model.id}`;
}

/**
 * Who pays for a line of work: KingJam credits (the `cloud` provider), the
 * user's own Gemini or Replicate account (their key: no credits), or nobody
 * (Ollama, ComfyUI, offline drafts).
 */
export type Billing = 'credits' | 'own-key' | 'free';

export function billingOf(provider: string): Billing {
  if (provider === 'cloud') return 'credits';
  return isFreeProvider(provider) ? 'free' : 'own-key';
}

/**
 * A line of an estimate: its price in credits when KingJam Cloud runs it;
 * on the user's own key it costs no credits (the line stays, so the UI can
 * say "billed by Google to your own account"); local and offline work is free.
 */
export function costLine(label: string, provider: string, price: number): CostLine {
  const billing = billingOf(provider);
  return { label, credits: billing === 'credits' ? price : 0, billing };
}

/** What a piece of work costs in credits on this provider: its price on KingJam Cloud, nothing otherwise. */
export function creditsOn(provider: string, price: number): number {
  return costLine('', provider, price).credits;
}

export interface CostLine {
  label: string;
  credits: number;
  /** Absent on lines priced before billing modes existed: read as `credits`. */
  billing?: Billing;
}

export interface Estimate {
  total: number;
  lines: CostLine[];
}

/** The lines that cost credits, and those billed to the user's own key (at 0 credits); free lines are left out. */
export function estimate(lines: CostLine[]): Estimate {
  return { total: lines.reduce((sum, l) => sum + l.credits, 0), lines: lines.filter((l) => l.credits > 0 || l.billing === 'own-key') };
}

/** A Director video: the script, each scene on its backend, and each scene's voice-over, each billed to whoever runs it. */
export function videoEstimate(input: {
  backend: VideoBackend;
  sceneSeconds: number[];
  textProvider: string;
  textModel?: string | undefined;
  /** Who renders the paid backends: KingJam Cloud or the user's own key (local and offline backends are free either way). */
  renderProvider: string;
  withVoice: boolean;
  voiceProvider: string;
}): Estimate {
  const lines: CostLine[] = [costLine('script', input.textProvider, textCredits({ provider: input.textProvider, model: input.textModel }, TEXT_CALLS.script))];
  const scenes = sceneCharges(input.backend, input.sceneSeconds);
  const local = input.backend === 'offline' || input.backend === 'comfyui';
  scenes.forEach((credits, i) => lines.push(costLine(`scene ${i + 1} (${input.backend})`, local ? input.backend : input.renderProvider, credits)));
  if (input.withVoice) {
    const voice = input.sceneSeconds.reduce((sum, seconds) => sum + narrationCredits(input.voiceProvider, seconds), 0);
    lines.push(costLine('voice-over', input.voiceProvider, voice));
  }
  return estimate(lines);
}
