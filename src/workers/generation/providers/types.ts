import type { z } from 'zod';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { ProgressLabel } from '../../../shared/progress-labels.js';
import type { ModelReplacement } from '../../../shared/providers.js';

/**
 * The capability interfaces every generation backend implements. Generators
 * (blog, social, Director) depend only on these, never on a vendor SDK, so a
 * job can switch between Gemini, Replicate, a local ComfyUI/Ollama or the
 * offline drafts by changing a provider id.
 */

export const PROVIDER_IDS = ['cloud', 'gemini', 'replicate', 'comfyui', 'ollama', 'offline'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export type Capability = 'text' | 'structured' | 'image' | 'video' | 'speech';

export type Language = 'zh-TW' | 'zh-CN' | 'en';

/** Per-call options: every provider call takes them. */
export interface CallOptions {
  /** Aborting stops the call and, where the service supports it, cancels the remote work. */
  signal?: AbortSignal;
  /** Overrides the provider's per-request timeout. */
  timeoutMs?: number;
  /** 0…1 with an optional message; long-running calls (video, ComfyUI) report through it. */
  onProgress?: (fraction: number, message?: ProgressLabel) => void;
  /**
   * The job this call works for. Paid work that a lost answer could leave
   * running upstream (a Replicate prediction) is tagged with it, so a retry
   * finds that work instead of paying for it twice.
   */
  jobId?: string;
}

/**
 * What the content is about, in words a template can use. Cloud and local
 * models read the prompt the generator wrote; the offline provider cannot
 * understand a prompt and writes from this brief instead.
 */
export interface ContentBrief {
  topic: string;
  /** A tone id (e.g. "professional", "casual", "humorous"); unknown ids fall back to neutral. */
  tone?: string;
  /** Who is speaking, e.g. "a Taipei food blogger". */
  persona?: string;
  language?: Language;
  keywords?: string[];
  /** What is being written; decides the offline template. */
  form?: 'article' | 'caption' | 'script' | 'title' | 'generic';
  /** Rough target length in words (en) or characters (zh). */
  length?: number;
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface TextRequest {
  /** Provider-specific model id; each provider has a default. */
  model?: string;
  system?: string;
  /** A single user prompt or a conversation. */
  prompt: string | ChatMessage[];
  temperature?: number;
  maxOutputTokens?: number;
  brief?: ContentBrief;
}

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
}

export interface TextResult {
  provider: ProviderId;
  model: string;
  text: string;
  finishReason?: string;
  usage?: Usage;
  /** True when the output is a placeholder to be replaced (offline provider). */
  draft: boolean;
}

/**
 * A streaming answer: iterate for text deltas as they arrive; `result()`
 * resolves with the whole text once the stream ends (it drains the rest of
 * the stream when the caller stopped iterating early).
 */
export interface TextStream extends AsyncIterable<string> {
  result(): Promise<TextResult>;
}

export interface TextGenerator {
  generateText(req: TextRequest, opts?: CallOptions): Promise<TextResult>;
  streamText(req: TextRequest, opts?: CallOptions): TextStream;
}

export interface StructuredRequest<T> extends Omit<TextRequest, 'prompt'> {
  prompt: string;
  schema: z.ZodType<T>;
  /** A short name for the shape (e.g. "DirectorScenes"); used in prompts, errors and offline templates. */
  schemaName: string;
}

export interface StructuredResult<T> {
  provider: ProviderId;
  model: string;
  value: T;
  /** The raw JSON text the model returned (after repair, if one was needed). */
  raw: string;
  /** Whether the first answer was invalid and the repair attempt fixed it. */
  repaired: boolean;
  usage?: Usage;
  draft: boolean;
}

export interface StructuredGenerator {
  generateObject<T>(req: StructuredRequest<T>, opts?: CallOptions): Promise<StructuredResult<T>>;
}

export const ASPECT_RATIOS = ['1:1', '4:5', '3:4', '4:3', '9:16', '16:9'] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export interface ImageInput {
  bytes: Buffer;
  mimeType: string;
}

export interface ImageRequest {
  model?: string;
  prompt: string;
  negativePrompt?: string;
  aspectRatio?: AspectRatio;
  /** "fine" asks for the higher-quality model or larger size where the provider has one. */
  quality?: 'standard' | 'fine';
  /** How many images (default 1). */
  count?: number;
  seed?: number;
  /** An input image for image-to-image workflows (ComfyUI). */
  image?: ImageInput;
  /**
   * Several input images, in order (the photo studio: each person, then the
   * background). Models that take a list get all of them; `image` alone is
   * read as a list of one.
   */
  images?: ImageInput[];
  /** Title and subtitle typeset by the offline provider; cloud models ignore them. */
  brief?: ContentBrief & { headline?: string; subtitle?: string };
  /** A locked style's reference for ComfyUI's IP-Adapter (withStyle sets it; other providers ignore it). */
  styleAdapter?: StyleAdapter;
  /** A character's references for ComfyUI's IP-Adapter (the Pose & Variant Generator; other providers ignore it). */
  characterAdapter?: CharacterAdapter;
}

/** What ComfyUI's IP-Adapter nodes get from a character: its reference images (batched into one adapter), the weight, and its name for a notice. */
export interface CharacterAdapter {
  images: ImageInput[];
  weight: number;
  characterName: string;
}

/** What ComfyUI's IP-Adapter nodes get from a locked style: its first reference, the weight, and the style's name for a notice. */
export interface StyleAdapter {
  image: ImageInput;
  weight: number;
  styleName: string;
}

/** The input images of a request: `images` when given, else `image` as a list of one. */
export function inputImages(req: Pick<ImageRequest, 'image' | 'images'>): ImageInput[] {
  if (req.images?.length) return req.images;
  return req.image ? [req.image] : [];
}

export interface GeneratedImage {
  bytes: Buffer;
  mimeType: string;
  width?: number;
  height?: number;
}

export interface ImageResult {
  provider: ProviderId;
  model: string;
  images: GeneratedImage[];
  draft: boolean;
}

export interface ImageGenerator {
  generateImage(req: ImageRequest, opts?: CallOptions): Promise<ImageResult>;
}

export interface VideoRequest {
  model?: string;
  prompt: string;
  negativePrompt?: string;
  aspectRatio?: '16:9' | '9:16' | '1:1';
  durationSec?: number;
  resolution?: '720p' | '1080p';
  /** First frame (required by Kling). */
  image?: ImageInput;
  seed?: number;
  /** Where the video (or, for still-based backends, the image) is written. The caller owns the folder. */
  outPath: string;
  brief?: ImageRequest['brief'];
  styleAdapter?: StyleAdapter;
}

/**
 * A rendered scene: a real clip, or a still the compositor animates (Ken
 * Burns) for `durationSec` — how the offline and "Imagen + FFmpeg" paths work.
 */
export type VideoResult =
  | { kind: 'video'; provider: ProviderId; model: string; path: string; mimeType: string; durationSec?: number; draft: boolean }
  | { kind: 'still'; provider: ProviderId; model: string; path: string; mimeType: string; durationSec: number; draft: boolean };

export interface VideoGenerator {
  generateVideo(req: VideoRequest, opts?: CallOptions): Promise<VideoResult>;
}

export interface SpeechRequest {
  model?: string;
  text: string;
  voice?: string;
  language?: Language;
  /** Written as WAV. */
  outPath: string;
}

export interface SpeechResult {
  provider: ProviderId;
  model: string;
  path: string;
  mimeType: 'audio/wav';
  durationSec: number;
  draft: boolean;
}

export interface SpeechGenerator {
  synthesize(req: SpeechRequest, opts?: CallOptions): Promise<SpeechResult>;
}

export interface ModelInfo {
  id: string;
  capability: Capability;
  label: string;
  /** Available on the account / installed locally, as far as the last check could tell. */
  available?: boolean;
}

export type ConnectionReport =
  | { ok: true; provider: ProviderId; models: ModelInfo[]; detail?: string; replaced?: ModelReplacement[] }
  | { ok: false; provider: ProviderId; error: ErrorInfo };

/** A backend: its identity, the capabilities it has, and a Settings-page check. */
export interface Provider {
  readonly id: ProviderId;
  readonly label: string;
  /** Local and offline providers cost no credits. */
  readonly local: boolean;
  readonly text?: TextGenerator;
  readonly structured?: StructuredGenerator;
  readonly image?: ImageGenerator;
  readonly video?: VideoGenerator;
  readonly speech?: SpeechGenerator;
  /** The models this provider knows how to drive (a static catalog; `testConnection` adds availability). */
  models(): ModelInfo[];
  /** Checks the key / URL and lists what is available. Never throws. */
  testConnection(opts?: CallOptions): Promise<ConnectionReport>;
}

/** What a provider tells the job it runs in, beyond its results. */
export interface ProviderHooks {
  /** A model was replaced (retired, or unavailable to this key): the job says so. */
  onModelReplaced?: (replacement: ModelReplacement) => void;
  /** Anything else the user should not miss about this call (ComfyUI without IP-Adapter nodes). */
  onNotice?: (label: ProgressLabel) => void;
}

export interface CapabilityMap {
  text: TextGenerator;
  structured: StructuredGenerator;
  image: ImageGenerator;
  video: VideoGenerator;
  speech: SpeechGenerator;
}
