import { z } from 'zod';
import { LANGUAGES } from '../settings.js';
import { PHOTO_VIA } from '../photo/requests.js';
import { appliedStyleSchema } from '../style/profile.js';

/**
 * The worker jobs of Characters and the Prompt-Board (issue 16): kinds, payload schemas and results.
 * Spread into src/shared/jobs/kinds.ts; the handlers are in src/workers/creator/loaders.ts.
 */
const absPath = z.string().min(1);

/** The text providers that write concepts: the studio's structured-output providers and the offline drafter. */
export const CONCEPT_PROVIDERS = ['cloud', 'gemini', 'ollama', 'offline'] as const;
export type ConceptProvider = (typeof CONCEPT_PROVIDERS)[number];

/** The image-editing models a variant is made with (offline has none: the page shows it disabled with how to get one). */
export const VARIANT_BACKENDS = ['gemini', 'seedream', 'flux-kontext', 'comfyui'] as const;
export type VariantBackend = (typeof VARIANT_BACKENDS)[number];

/** Who draws a first reference from the look: the studio's image providers (offline: a procedural design, a draft). */
export const REFERENCE_PROVIDERS = ['cloud', 'gemini', 'replicate', 'comfyui', 'offline'] as const;
export type ReferenceProvider = (typeof REFERENCE_PROVIDERS)[number];

export const VARIANT_KINDS = ['pose', 'outfit', 'expression'] as const;
export type VariantKind = (typeof VARIANT_KINDS)[number];

/** A keyword as typed, in any of the three languages. */
export const keywordSchema = z.string().trim().min(1).max(40);
export const keywordsSchema = z.array(keywordSchema).min(1).max(12);

/** One concept of the Prompt-Board: what the model must answer, validated before anything is shown. */
export const conceptSchema = z.object({
  name: z.string().trim().min(1).max(80),
  world: z.string().trim().min(1).max(1500),
  backstory: z.string().trim().min(1).max(3000),
  look: z.string().trim().min(1).max(1500),
});
export type CharacterConcept = z.infer<typeof conceptSchema>;

/** Exactly three concepts: the choice the Prompt-Board offers. */
export const conceptsAnswerSchema = z.object({ concepts: z.array(conceptSchema).length(3) });
export type ConceptsAnswer = z.infer<typeof conceptsAnswerSchema>;

export const REWRITE_FIELDS = ['world', 'backstory'] as const;
export type RewriteField = (typeof REWRITE_FIELDS)[number];

export const rewriteAnswerSchema = z.object({ text: z.string().trim().min(1).max(3000) });

const textFields = {
  language: z.enum(LANGUAGES),
  provider: z.enum(CONCEPT_PROVIDERS),
  model: z.string().min(1).max(100).optional(),
  /** The whole call's deadline: a provider hanging past it ends the job as timed out. */
  timeoutMs: z.number().int().min(100).max(600_000).default(120_000),
};

/** A locked style as a variant job carries it (the Style-Locker's resolveLocked, issue 16). */
export const lockedStyleSchema = z.object({
  styleId: z.string().min(1).max(100),
  /** The style's name, for a notice about it (ComfyUI without IP-Adapter nodes). */
  name: z.string().max(200).default(''),
  promptFragment: z.string().max(2000).default(''),
  negativePrompt: z.string().max(2000).default(''),
  /** A fixed seed the style asks for; null lets each variant take its own. */
  seed: z.number().int().min(0).max(2_147_483_647).nullable().default(null),
  /** The style's reference images (3–10 on a profile); a variant sends the first MAX_STYLE_REFERENCES. */
  referencePaths: z.array(absPath).max(10).default([]),
  /** What carries the style in a ComfyUI workflow (a LoRA name, an IP-Adapter and its image), as the Style-Locker gives it. */
  comfy: appliedStyleSchema.shape.comfy.default({}),
});
export type LockedStyle = z.output<typeof lockedStyleSchema>;

export const MAX_VARIANTS_PER_RUN = 4;
/** Style references sent with a variant: enough to carry palette and line, few enough to leave the character's references the weight. */
export const MAX_STYLE_REFERENCES = 2;

export const characterJobKinds = {
  'character.concepts': {
    queue: 'high',
    payload: z.object({ keywords: keywordsSchema, ...textFields }),
    title: (p: { keywords: string[] }) => `Character concepts: ${p.keywords.join(', ')}`,
  },
  'character.rewrite': {
    queue: 'high',
    payload: z.object({
      field: z.enum(REWRITE_FIELDS),
      character: conceptSchema.extend({ keywords: z.array(keywordSchema).max(12).default([]) }),
      ...textFields,
    }),
    title: (p: { field: string; character: { name: string } }) => `Rewrite the ${p.field} of ${p.character.name}`,
  },
  'character.reference': {
    queue: 'default',
    payload: z.object({
      name: z.string().min(1).max(80),
      look: z.string().max(1500),
      style: lockedStyleSchema.optional(),
      provider: z.enum(REFERENCE_PROVIDERS),
      out: absPath,
    }),
    title: (p: { name: string }) => `Reference image of ${p.name}`,
  },
  'character.variants': {
    queue: 'default',
    payload: z.object({
      name: z.string().min(1).max(80),
      look: z.string().max(1500),
      kind: z.enum(VARIANT_KINDS),
      /** What the user asked for: "jumping, arms up", "a rain coat", "laughing". */
      instruction: z.string().trim().min(1).max(500),
      /** The character's reference images, in their order (the first is the main one). */
      references: z.array(absPath).min(1).max(4),
      style: lockedStyleSchema.optional(),
      backend: z.enum(VARIANT_BACKENDS),
      via: z.enum(PHOTO_VIA).default('cloud'),
      workflow: absPath.optional(),
      count: z.number().int().min(1).max(MAX_VARIANTS_PER_RUN),
      outDir: absPath,
    }),
    title: (p: { name: string; kind: string; count: number }) => `${p.count} ${p.kind} variant${p.count === 1 ? '' : 's'} of ${p.name}`,
  },
} as const;

export interface ConceptsResult {
  concepts: CharacterConcept[];
  provider: string;
  model: string;
  /** Written offline from the keywords, not by a model: the page labels it a draft. */
  draft: boolean;
}

export interface RewriteResult {
  text: string;
  provider: string;
  model: string;
  draft: boolean;
}

export interface ReferenceResult {
  path: string;
  provider: string;
  model: string;
  draft: boolean;
}

export interface MadeVariant {
  path: string;
  width: number;
  height: number;
  seed: number;
  prompt: string;
}

export interface VariantsResult {
  variants: MadeVariant[];
  provider: string;
  model: string;
}

export interface CharacterJobResults {
  'character.concepts': ConceptsResult;
  'character.rewrite': RewriteResult;
  'character.reference': ReferenceResult;
  'character.variants': VariantsResult;
}
