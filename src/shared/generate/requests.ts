import { z } from 'zod';
import { LANGUAGES } from '../settings.js';
import { MOTIONS, TRANSITIONS } from '../timeline.js';
import { VIDEO_BACKENDS } from '../pricing.js';
import { PLATFORM_IDS } from './platforms.js';
import { TONE_IDS } from './tones.js';

/**
 * What a user asks each generator for, and the structured output the text
 * model must return. Validated at every boundary: the API, the job payload,
 * and the model's JSON.
 */
export const GENERATION_PROVIDERS = ['cloud', 'gemini', 'replicate', 'comfyui', 'ollama', 'offline'] as const;
export type GenerationProvider = (typeof GENERATION_PROVIDERS)[number];

export const providerChoiceSchema = z.object({
  provider: z.enum(GENERATION_PROVIDERS).default('offline'),
  model: z.string().min(1).max(100).optional(),
});
export type ProviderChoice = z.output<typeof providerChoiceSchema>;

/** How long a topic may be, trimmed (the CLI refuses another length before it asks for anything). */
export const TOPIC_LENGTH = { min: 2, max: 300 } as const;
const topic = z.string().trim().min(TOPIC_LENGTH.min, `a topic of at least ${TOPIC_LENGTH.min} characters`).max(TOPIC_LENGTH.max);
const keywords = z.array(z.string().trim().min(1).max(40)).max(10).default([]);
/** A locked Style-Locker style (issue 16) applied to the images this request makes. */
const styleId = z.string().min(1).max(100).optional();
/** A library image (by library id) used as the post's image or the article's cover instead of making one; main resolves it to its file. */
const imageLibraryId = z.string().trim().min(1).max(100).optional();

// ── Blog (seed §3.1) ─────────────────────────────────────────────────────

export const COVER_QUALITIES = ['none', 'standard', 'fine'] as const;

export const blogRequestSchema = z.object({
  topic,
  keywords,
  tone: z.enum(TONE_IDS).default('professional'),
  language: z.enum(LANGUAGES).default('zh-TW'),
  /** Target length: words in English, characters in Chinese. */
  length: z.number().int().min(300).max(5000).default(1200),
  persona: z.string().trim().max(200).optional(),
  cover: z.enum(COVER_QUALITIES).default('standard'),
  text: providerChoiceSchema.default({ provider: 'offline' }),
  image: providerChoiceSchema.default({ provider: 'offline' }),
  styleId,
  imageLibraryId,
});
export type BlogRequest = z.output<typeof blogRequestSchema>;
export type BlogRequestInput = z.input<typeof blogRequestSchema>;

/** The SEO plan the text model returns before it writes: the limits are the search engines'. */
export const SEO_LIMITS = { title: 60, metaDescription: 160 } as const;

export const blogPlanSchema = z.object({
  title: z.string().trim().min(5).max(SEO_LIMITS.title),
  metaDescription: z.string().trim().min(20).max(SEO_LIMITS.metaDescription),
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by hyphens').max(80),
  keywords: z.array(z.string().trim().min(1).max(40)).min(3).max(10),
  outline: z.array(z.string().trim().min(2).max(120)).min(3).max(10),
});
export type BlogPlan = z.output<typeof blogPlanSchema>;

/** Whether a request makes its image with a model (not when it has none, nor when it uses one picked from the library). */
export function makesImage(r: { cover: string; imageLibraryId?: string | undefined } | { imageQuality: string; imageLibraryId?: string | undefined }): boolean {
  return ('cover' in r ? r.cover : r.imageQuality) !== 'none' && !r.imageLibraryId;
}

export interface BlogResult extends BlogPlan {
  markdownPath: string;
  htmlPath: string;
  coverPath: string | null;
  length: number;
  draft: boolean;
  textModel: string;
  creditsUsed: number;
}

// ── Social post (seed §3.2) ──────────────────────────────────────────────

export const SOCIAL_ASPECTS = ['1:1', '4:5', '9:16', '16:9'] as const;

export const socialRequestSchema = z.object({
  topic,
  keywords,
  platform: z.enum(PLATFORM_IDS),
  tone: z.enum(TONE_IDS).default('friendly'),
  language: z.enum(LANGUAGES).default('zh-TW'),
  aspect: z.enum(SOCIAL_ASPECTS).optional(),
  imageQuality: z.enum(['none', 'standard', 'fine']).default('standard'),
  persona: z.string().trim().max(200).optional(),
  text: providerChoiceSchema.default({ provider: 'offline' }),
  image: providerChoiceSchema.default({ provider: 'offline' }),
  styleId,
  imageLibraryId,
});
export type SocialRequest = z.output<typeof socialRequestSchema>;
export type SocialRequestInput = z.input<typeof socialRequestSchema>;

export const socialVariantSchema = z.object({
  caption: z.string().trim().min(1).max(2200),
  hashtags: z.array(z.string().trim().regex(/^#?[\p{L}\p{N}_]+$/u, 'a hashtag is one word')).max(15),
});
export const socialVariantsSchema = z.object({ variants: z.array(socialVariantSchema).length(3) });
export type SocialVariant = z.output<typeof socialVariantSchema>;

export interface SocialResult {
  platform: string;
  variants: (SocialVariant & { chars: number })[];
  imagePath: string | null;
  aspect: string;
  draft: boolean;
  creditsUsed: number;
}

// ── Director (seed §3.3) ─────────────────────────────────────────────────

export const DIRECTOR_ASPECTS = ['9:16', '16:9', '1:1'] as const;

export const directorSceneSchema = z.object({
  narration: z.string().trim().max(400),
  caption: z.string().trim().max(60),
  visualPrompt: z.string().trim().min(3).max(600),
  duration: z.number().min(2).max(10),
  motion: z.enum(MOTIONS).default('zoom-in'),
  transition: z.enum(TRANSITIONS).default('dissolve'),
});
export type DirectorScene = z.output<typeof directorSceneSchema>;

export const directorScriptSchema = z.object({
  title: z.string().trim().min(2).max(80),
  scenes: z.array(directorSceneSchema).min(2).max(12),
});
export type DirectorScript = z.output<typeof directorScriptSchema>;

export const directorRequestSchema = z.object({
  topic,
  keywords,
  tone: z.enum(TONE_IDS).default('friendly'),
  language: z.enum(LANGUAGES).default('zh-TW'),
  aspect: z.enum(DIRECTOR_ASPECTS).default('9:16'),
  targetSeconds: z.number().int().min(10).max(120).default(24),
  sceneCount: z.number().int().min(2).max(12).default(5),
  backend: z.enum(VIDEO_BACKENDS).default('offline'),
  text: providerChoiceSchema.default({ provider: 'offline' }),
  /** Voice-over by TTS when a speech provider is available. */
  voice: z.boolean().default(true),
  music: z.boolean().default(true),
  /** Render height (default by aspect); smaller for drafts and tests. */
  height: z.number().int().min(240).max(2160).optional(),
  quality: z.enum(['draft', 'standard', 'high']).default('standard'),
  /** Who renders a paid backend (Kling, Veo, Imagen + FFmpeg): KingJam Cloud, paid in credits, or the user's own Gemini/Replicate key. */
  renderVia: z.enum(['cloud', 'own-key']).default('own-key'),
  styleId,
});
export type DirectorRequest = z.output<typeof directorRequestSchema>;
export type DirectorRequestInput = z.input<typeof directorRequestSchema>;

export interface SceneRender {
  kind: 'video' | 'still';
  path: string;
  /** Seconds the scene lasts in the cut: its script's duration, or its narration's length plus a short tail when that is longer. */
  durationSec: number;
  voicePath: string | null;
  draft: boolean;
}
