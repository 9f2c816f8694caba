import { z } from 'zod';
import type { ErrorInfo } from '../errors.js';
import { LANGUAGES } from '../settings.js';
import { GENERATION_PROVIDERS } from '../generate/requests.js';
import type { ImageFeatures, StyleFeatures, StyleWriting } from './features.js';
import { STYLE_LIMITS } from './profile.js';
import type { StyleScore } from './score.js';

/**
 * The worker jobs of Style-Locker (issue 16): kinds, payload schemas and results.
 * Spread into src/shared/jobs/kinds.ts; the handlers are in src/workers/style/loaders.ts.
 */
const absPath = z.string().min(1);

const paletteColourSchema = z.object({ hex: z.string(), lab: z.tuple([z.number(), z.number(), z.number()]).readonly(), weight: z.number() });

export const styleJobKinds = {
  /** Measure 3–10 reference images and have the text model (or the offline composer) write the prompt fragment. */
  'style.extract': {
    queue: 'default',
    payload: z.object({
      images: z.array(absPath).min(1).max(STYLE_LIMITS.maxImages),
      name: z.string().max(STYLE_LIMITS.nameChars),
      language: z.enum(LANGUAGES),
      /** Who writes the fragment from the images: Gemini (multimodal) when chosen and keyed, else composed offline. */
      writer: z.enum(GENERATION_PROVIDERS).default('offline'),
    }),
    title: (p: { images: unknown[]; name: string }) => `Style from ${p.images.length} images: ${p.name}`,
  },
  /** Measure images and score each against a profile's features. */
  'style.score': {
    queue: 'default',
    payload: z.object({
      images: z.array(absPath).min(1).max(50),
      reference: z.object({
        palette: z.array(paletteColourSchema).min(1).max(16),
        lines: z.object({ edgeDensity: z.number(), meanEdgeStrength: z.number(), lineThicknessPx: z.number() }),
        hashes: z.array(z.string().regex(/^[0-9a-f]{16}$/)).max(STYLE_LIMITS.maxImages),
      }),
      /** Where main files the scores (the worker ignores them): the style, and what made the images ('manual' or a generation's job kind). */
      styleId: z.string().min(1).max(100),
      source: z.string().max(40).default('manual'),
      /** The library assets of the images, in order, where they are in the library. */
      assetIds: z.array(z.string().nullable()).max(50).default([]),
      /** The generation job that made the images, so its owner (a Director scene) files the score with it too. */
      origin: z.string().min(1).max(100).optional(),
    }),
    title: (p: { images: unknown[] }) => `Style score of ${p.images.length} image${p.images.length === 1 ? '' : 's'}`,
  },
} as const;

export interface StyleExtractResult {
  features: StyleFeatures;
  writing: StyleWriting;
}

export interface StyleScoreJobResult {
  scores: (StyleScore & { path: string; features: ImageFeatures })[];
}

/** A generation's images whose score job failed (a clip ffmpeg cannot decode), and why: main files it with the generation instead of a score. */
export interface StyleUnscored {
  styleId: string;
  paths: string[];
  error: ErrorInfo;
}

export interface StyleJobResults {
  'style.extract': StyleExtractResult;
  'style.score': StyleScoreJobResult;
}
