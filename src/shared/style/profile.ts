import { z } from 'zod';
import type { ErrorInfo } from '../errors.js';
import type { StyleFeatures, StyleWriting } from './features.js';
import type { StyleScore } from './score.js';

/** A style is extracted from 3–10 reference images (issue 16). */
export const STYLE_LIMITS = { minImages: 3, maxImages: 10, fragmentChars: 600, negativeChars: 400, nameChars: 80 } as const;

/** A fixed seed repeats a composition's noise across generations; random lets each vary. */
export const seedPolicySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('fixed'), seed: z.number().int().min(0).max(2 ** 31 - 1) }).strict(),
  z.object({ mode: z.literal('random') }).strict(),
]);
export type SeedPolicy = z.output<typeof seedPolicySchema>;

const loraSchema = z.object({ name: z.string().trim().min(1).max(200), strength: z.number().min(0).max(2).default(0.8) }).strict();
const ipAdapterSchema = z.object({ weight: z.number().min(0).max(1).default(0.6) }).strict();

/**
 * What carries the style to each backend besides the prompt: Gemini and
 * Seedream take the reference images as inputs; ComfyUI a LoRA (by its file
 * name in the user's ComfyUI) and/or an IP-Adapter fed the first reference.
 */
export const carriersSchema = z
  .object({
    gemini: z.object({ referenceImages: z.boolean().default(true) }).strict().default({ referenceImages: true }),
    seedream: z.object({ referenceImages: z.boolean().default(true) }).strict().default({ referenceImages: true }),
    comfyui: z
      .object({ lora: loraSchema.nullable().default(null), ipAdapter: ipAdapterSchema.nullable().default(null) })
      .strict()
      .default({ lora: null, ipAdapter: null }),
  })
  .strict();
export type StyleCarriers = z.output<typeof carriersSchema>;
export type StyleCarriersInput = z.input<typeof carriersSchema>;

export const DEFAULT_CARRIERS: StyleCarriers = { gemini: { referenceImages: true }, seedream: { referenceImages: true }, comfyui: { lora: null, ipAdapter: null } };

/**
 * A locked style as a generation receives it (resolveLocked): what goes
 * into the prompt, the seed (null: random) and what carries the style per
 * backend. Main puts it in the job payload; the worker applies it.
 */
export const appliedStyleSchema = z
  .object({
    styleId: z.string().min(1).max(100),
    name: z.string().max(STYLE_LIMITS.nameChars),
    promptFragment: z.string().max(STYLE_LIMITS.fragmentChars),
    negativePrompt: z.string().max(STYLE_LIMITS.negativeChars),
    seed: z.number().int().min(0).nullable(),
    /** Reference images for the backends that take them (Gemini, Seedream); empty when their carriers are off. */
    referencePaths: z.array(z.string().min(1)).max(STYLE_LIMITS.maxImages),
    comfy: z.object({ lora: loraSchema.optional(), ipAdapter: ipAdapterSchema.extend({ image: z.string().min(1) }).optional() }),
  })
  .strict();
export type AppliedStyle = z.output<typeof appliedStyleSchema>;

/** How a service that starts generations turns a request's `styleId` into the style it applies (throws when it is not locked). */
export type StyleResolver = (styleId: string) => AppliedStyle;

/** The prompt with the style's fragment after it (the subject stays first: models weigh the start most). */
export function styledPrompt(prompt: string, style: Pick<AppliedStyle, 'promptFragment'> | undefined): string {
  if (!style?.promptFragment.trim()) return prompt;
  return `${prompt.trim().replace(/[.。]\s*$/, '')}. Style: ${style.promptFragment.trim()}`;
}

/** The request's negative prompt joined with the style's. */
export function styledNegative(negative: string | undefined, style: Pick<AppliedStyle, 'negativePrompt'> | undefined): string | undefined {
  const parts = [negative?.trim(), style?.negativePrompt.trim()].filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : undefined;
}

export interface StyleReferenceView {
  path: string;
  assetId: string | null;
}

/** A style profile as the page, the CLI and the other areas see it. */
export interface StyleProfileView {
  id: string;
  name: string;
  status: 'extracting' | 'ready' | 'failed';
  locked: boolean;
  references: StyleReferenceView[];
  features: StyleFeatures | null;
  writing: StyleWriting | null;
  promptFragment: string;
  negativePrompt: string;
  seedPolicy: SeedPolicy;
  carriers: StyleCarriers;
  jobId: string | null;
  error: ErrorInfo | null;
  createdAt: number;
  updatedAt: number;
  lastScore: StyleScoreView | null;
}

/** One image scored against a style. */
export interface StyleScoreView extends StyleScore {
  id: string;
  styleId: string;
  path: string;
  assetId: string | null;
  /** What the image came from: a generation's job kind, or 'manual'. */
  source: string;
  at: number;
}
