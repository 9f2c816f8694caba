import { z } from 'zod';
import type { CallSpec } from './contract.js';
import {
  CONCEPT_PROVIDERS,
  conceptSchema,
  keywordSchema,
  keywordsSchema,
  MAX_VARIANTS_PER_RUN,
  REFERENCE_PROVIDERS,
  REWRITE_FIELDS,
  VARIANT_BACKENDS,
  VARIANT_KINDS,
  type CharacterConcept,
  type VariantBackend,
  type VariantKind,
} from '../creator/jobs.js';
import type { ErrorInfo } from '../errors.js';
import { PHOTO_VIA, type PhotoVia } from '../photo/requests.js';
import type { Estimate } from '../pricing.js';
import { LANGUAGES, type Language } from '../settings.js';

/** The calls of characters, the Prompt-Board and pose variants (issue 16); spread into the contract. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const id = z.string().min(1).max(100);
const filePath = z.string().min(1).max(4096);

export const REFERENCE_ORIGINS = ['upload', 'generated'] as const;
export type ReferenceOrigin = (typeof REFERENCE_ORIGINS)[number];
export const VARIANT_STATES = ['new', 'kept', 'discarded'] as const;
export type VariantState = (typeof VARIANT_STATES)[number];
/** Where a variant's picture is: being made, made, or its job failed. */
export type VariantStatus = 'pending' | 'ready' | 'failed';

/** The editable text of a character: what a concept becomes once the user picks it. */
const profileFields = {
  name: z.string().trim().min(1).max(80),
  keywords: z.array(keywordSchema).max(12).default([]),
  language: z.enum(LANGUAGES),
  world: z.string().trim().max(3000).default(''),
  backstory: z.string().trim().max(3000).default(''),
  look: z.string().trim().max(1500).default(''),
  /** The Style-Locker's profile locked on the character (its id; the styles are another area's). */
  styleId: z.string().min(1).max(100).nullable().default(null),
};

export const characterCreateSchema = z.object(profileFields).strict();
export type CharacterCreate = z.output<typeof characterCreateSchema>;

export const characterUpdateSchema = z
  .object({
    id,
    name: profileFields.name.optional(),
    keywords: z.array(keywordSchema).max(12).optional(),
    language: profileFields.language.optional(),
    world: z.string().trim().max(3000).optional(),
    backstory: z.string().trim().max(3000).optional(),
    look: z.string().trim().max(1500).optional(),
    styleId: z.string().min(1).max(100).nullable().optional(),
  })
  .strict();
export type CharacterUpdate = z.output<typeof characterUpdateSchema>;

export const conceptsRequestSchema = z
  .object({ keywords: keywordsSchema, language: z.enum(LANGUAGES), provider: z.enum(CONCEPT_PROVIDERS), model: z.string().min(1).max(100).optional() })
  .strict();
export type ConceptsRequest = z.output<typeof conceptsRequestSchema>;

/** The model choice of a variant run: which image-editing model, who runs it. */
const variantChoice = {
  backend: z.enum(VARIANT_BACKENDS),
  via: z.enum(PHOTO_VIA).default('cloud'),
  count: z.number().int().min(1).max(MAX_VARIANTS_PER_RUN).default(4),
};

export const variantsRequestSchema = z
  .object({
    id,
    kind: z.enum(VARIANT_KINDS),
    instruction: z.string().trim().min(1).max(500),
    ...variantChoice,
    /** A ComfyUI workflow file (backend comfyui); default: the one set in Settings. */
    workflow: filePath.optional(),
  })
  .strict();
export type VariantsRequest = z.output<typeof variantsRequestSchema>;

export interface ConceptsAnswerView {
  concepts: CharacterConcept[];
  provider: string;
  model: string;
  draft: boolean;
}

export interface ReferenceView {
  assetId: string;
  origin: ReferenceOrigin;
  position: number;
  name: string;
  /** The picture inside the library folder ('/'-separated), for the media URL. */
  file: string;
  thumb: string | null;
}

export interface VariantView {
  id: string;
  kind: VariantKind;
  instruction: string;
  prompt: string;
  backend: VariantBackend;
  via: PhotoVia;
  model: string | null;
  state: VariantState;
  status: VariantStatus;
  assetId: string | null;
  /** The picture inside the library folder, once made. */
  file: string | null;
  error: ErrorInfo | null;
  jobId: string | null;
  createdAt: number;
}

export interface CharacterSummary {
  id: string;
  name: string;
  language: Language;
  keywords: string[];
  styleId: string | null;
  /** The first reference's picture (library-relative), for the list. */
  cover: string | null;
  variants: number;
  updatedAt: number;
}

export interface CharacterView extends Omit<CharacterSummary, 'cover' | 'variants'> {
  world: string;
  backstory: string;
  look: string;
  createdAt: number;
  references: ReferenceView[];
  variants: VariantView[];
}

export const characterCalls = {
  'character.list': call<CharacterSummary[]>()(z.object({}).strict()),
  'character.get': call<CharacterView>()(z.object({ id }).strict()),
  'character.create': call<CharacterView>()(characterCreateSchema),
  'character.update': call<CharacterView>()(characterUpdateSchema),
  'character.delete': call<{ deleted: boolean }>()(z.object({ id }).strict()),
  /** Prompt-Board: keywords → three concepts (the call waits for the text job). */
  'character.concepts': call<ConceptsAnswerView>()(conceptsRequestSchema),
  /** The model rewrites the world or the backstory; the page puts the text in the editor to keep or change. */
  'character.rewrite': call<{ text: string; draft: boolean; provider: string; model: string }>()(
    z.object({ id, field: z.enum(REWRITE_FIELDS), provider: z.enum(CONCEPT_PROVIDERS), model: z.string().min(1).max(100).optional(), concept: conceptSchema.partial().optional() }).strict(),
  ),
  /** Files imported into the library and added as references (uploads). */
  'character.addReferenceFiles': call<CharacterView>()(z.object({ id, paths: z.array(filePath).min(1).max(10) }).strict()),
  /** Library images added as references (a variant kept as a reference is `generated`). */
  'character.addReferenceAssets': call<CharacterView>()(z.object({ id, assetIds: z.array(id).min(1).max(10), origin: z.enum(REFERENCE_ORIGINS).default('upload') }).strict()),
  /** A first reference drawn from the look by an image provider (the call waits for it). */
  'character.generateReference': call<CharacterView>()(z.object({ id, provider: z.enum(REFERENCE_PROVIDERS) }).strict()),
  'character.removeReference': call<CharacterView>()(z.object({ id, assetId: id }).strict()),
  'character.variantsEstimate': call<Estimate>()(z.object(variantChoice).strict()),
  'character.makeVariants': call<CharacterView>()(variantsRequestSchema),
  'character.markVariant': call<CharacterView>()(z.object({ variantId: id, state: z.enum(VARIANT_STATES) }).strict()),
} as const;

export type CharacterCallName = keyof typeof characterCalls;

/** Pushed when one of characters, the Prompt-Board and pose variants's records changed; the page reloads what it shows. */
export interface CharacterChangedEvent {
  id: string;
}
