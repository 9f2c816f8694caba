import { z } from 'zod';

/**
 * The 2D studio's cleanup options, shared by the jobs, the API, the CLI and the page (issue 16).
 * Smoothing picks the tracer's corner threshold (Selinger's alphamax): "none" keeps
 * every polygon corner, "normal" is the paper's default 1, "smooth" rounds more.
 */
export const INK_SMOOTHING = ['none', 'normal', 'smooth'] as const;
export type InkSmoothing = (typeof INK_SMOOTHING)[number];

export const SMOOTHING_ALPHA: Record<InkSmoothing, number> = { none: 0, normal: 1, smooth: 1.25 };

export const INK_LIMITS = { maxThicken: 8, maxSpeck: 10_000, maxInputBytes: 40 * 1024 * 1024 } as const;

export const inkOptionsSchema = z.object({
  /** Grow the lines by this many pixels. */
  thicken: z.number().int().min(0).max(INK_LIMITS.maxThicken).default(0),
  /** The cleaned PNG's paper becomes transparent (else white). */
  removeBackground: z.boolean().default(true),
  smoothing: z.enum(INK_SMOOTHING).default('normal'),
  deskew: z.boolean().default(true),
  /** Ink blobs smaller than this many pixels are removed as dust. */
  minSpeck: z.number().int().min(0).max(INK_LIMITS.maxSpeck).default(12),
});
export type InkOptions = z.output<typeof inkOptionsSchema>;
export type InkOptionsInput = z.input<typeof inkOptionsSchema>;

/** The PSD's layers, top to bottom. English on purpose: drawing tools show layer names as they are. */
export const INK_PSD_LAYERS = ['Line art', 'Shading', 'Flat colours', 'Background'] as const;

/** Flat colours for a sketch without colour of its own when no locked style gives a palette. */
export const DEFAULT_INK_PALETTE = ['#f6c9a8', '#a8d5f6', '#c6e8b0', '#f3e29a', '#d9b8ef', '#f7b2b8', '#b5e6df', '#e8c9a0'] as const;

export const hexColourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/);
