/**
 * Every price in credits, in one table (10 credits = NT$1). Video prices are
 * the seed's (000 §3.3); text, image and speech prices are ours, set so a
 * blog post with a cover costs about what a 5-second Kling clip does. Local
 * (Ollama, ComfyUI) and offline providers cost nothing.
 */
import { PROMPT_BUDGET_BYTES, textHoldCredits } from './call-prices.js';
import { currentModel, MODEL_CATALOG, modelForTier, type CatalogModel } from './models.js';

export const VIDEO_BACKENDS = ['kling-v2.1', 'kling-v2.1-pro', 'veo-3-fast', 'veo-3', 'imagen-ffmpeg', 'comfyui', 'offline'] as const;
export type VideoBackend = (typeof VIDEO_BACKENDS)[number];

export const PRICES = {
  video: {
    /** Seed: Kling v2.1 720p — 5 s 30, 10 s 55. */
    'kling-v2.1': { 5: 30, 10: 55 },
    /** Seed: Kling v2.1 Pro 1080p — 5 s 50, 10 s 90. */
    'kling-v2.1-pro': { 5: 50, 10: 90 },
    /** Seed: Veo 3 Fast, 8 s clips — 200. */
    'veo-3-fast': { 8: 200 },
    /** Seed: Veo 3 (Pro), 8 s clips — 350. */
    'veo-3': { 8: 350 },
  },
  /** Seed: Imagen + FFmpeg, 50–120 per video: 50 base + 10 per still, at most 120. */
  imagenFfmpeg: { base: 50, perStill: 10, max: 120 },
  /** Images per image, from the catalogue's standard and fine tiers (models.ts). */
  image: {
    standard: imagePrice('standard'),
    fine: imagePrice('fine'),
  },
  /** Voice-over per started minute of speech. */
  speechPerMinute: 5,
} as const;


function imagePrice(tier: 'standard' | 'fine'): number {
  const model = MODEL_CATALOG.find((m) => m.upstream === 'gemini' && m.capability === 'image' && m.tier === tier && m.lifecycle.status === 'current');
  if (model?.price.unit !== 'image') throw new Error(`the catalogue has no ${tier} image model`);
  return model.price.perImage;
}

export function isFreeProvider(provider: string): boolean {
  return provider === 'offline' || provider === 'ollama' || provider === 'comfyui';
}

/**
 * The catalogue entry a text model name is priced as. Names outside the
 * catalogue — a dated version a provider reports back — are priced by their
 * family: a Pro model as Pro, never as Flash; a retired model as its successor.
 */
export function textPriceModel(model: string | undefined): CatalogModel {
  const known = model ? currentModel('gemini', model) : undefined;
  if (known?.capability === 'text') return known;
  const tier = model && /(^|-)pro(-|$)/.test(model) ? 'pro' : 'flash';
  const priced = modelForTier('gemini', 'text', tier);
  if (!priced) throw new Error(`the catalogue has no ${tier} text model`);
  return priced;
}

/** The most one piece of writing (an article, a set of captions, a script) can cost with the chosen text model: what is held for it. */
export function textCredits(choice: { provider: string; model?: string | undefined }): number {
  return isFreeProvider(choice.provider) ? 0 : textHoldCredits(textPriceModel(choice.model), PROMPT_BUDGET_BYTES);
}

/** Clip lengths a video backend renders (a scene asks for the nearest one at or above its duration). */
export function clipSecondsFor(backend: VideoBackend, sceneSeconds: number): number {
  if (backend === 'kling-v2.1' || backend === 'kling-v2.1-pro') return sceneSeconds <= 5 ? 5 : 10;
  if (backend === 'veo-3' || backend === 'veo-3-fast') return 8;
  return sceneSeconds;
}

export function videoSceneCost(backend: VideoBackend, sceneSeconds: number): number {
  switch (backend) {
    case 'kling-v2.1':
    case 'kling-v2.1-pro':
      return PRICES.video[backend][clipSecondsFor(backend, sceneSeconds) as 5 | 10];
    case 'veo-3':
    case 'veo-3-fast':
      return PRICES.video[backend][8];
    default:
      return 0;
  }
}

/** What each scene's render job holds: its clip's price, or its share of the Imagen + FFmpeg video price. */
export function sceneCharges(backend: VideoBackend, sceneSeconds: number[]): number[] {
  if (backend !== 'imagen-ffmpeg') return sceneSeconds.map((s) => videoSceneCost(backend, s));
  const p = PRICES.imagenFfmpeg;
  const n = sceneSeconds.length;
  const total = Math.min(p.max, p.base + p.perStill * n);
  const share = Math.floor(total / n);
  return sceneSeconds.map((_, i) => share + (i === 0 ? total - share * n : 0));
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

export function estimate(lines: CostLine[]): Estimate {
  return { total: lines.reduce((sum, l) => sum + l.credits, 0), lines: lines.filter((l) => l.credits > 0) };
}

/** A Director video: each scene by its backend (Imagen + FFmpeg priced per video), plus text and speech. */
export function videoEstimate(input: {
  backend: VideoBackend;
  sceneSeconds: number[];
  textProvider: string;
  textModel?: string | undefined;
  withVoice: boolean;
  voiceProvider: string;
}): Estimate {
  const lines: CostLine[] = [];
  lines.push({ label: 'script', credits: textCredits({ provider: input.textProvider, model: input.textModel }) });
  sceneCharges(input.backend, input.sceneSeconds).forEach((credits, i) => lines.push({ label: `scene ${i + 1} (${input.backend})`, credits }));
  if (input.withVoice && !isFreeProvider(input.voiceProvider)) {
    const minutes = Math.ceil(input.sceneSeconds.reduce((a, b) => a + b, 0) / 60);
    lines.push({ label: 'voice-over', credits: PRICES.speechPerMinute * minutes });
  }
  return estimate(lines);
}
