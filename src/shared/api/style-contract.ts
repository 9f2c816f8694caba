import { z } from 'zod';
import type { CallSpec } from './contract.js';
import type { JobView } from '../jobs/model.js';
import { GENERATION_PROVIDERS } from '../generate/requests.js';
import { carriersSchema, seedPolicySchema, STYLE_LIMITS, type AppliedStyle, type StyleProfileView, type StyleScoreView } from '../style/profile.js';

/** The calls of the Style-Locker (issue 16); spread into the contract. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const id = z.string().min(1).max(100);
const filePath = z.string().min(1).max(4096);
/** Images as library assets (the page) and/or files on this machine (the CLI, a staged upload). */
const images = { assetIds: z.array(id).max(50).optional(), paths: z.array(filePath).max(50).optional() };

export const styleCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(STYLE_LIMITS.nameChars),
    ...images,
    /** Who writes the prompt fragment from the images: Gemini looks at them; offline composes it from the measured features. */
    writer: z.enum(GENERATION_PROVIDERS).default('offline'),
    seedPolicy: seedPolicySchema.optional(),
    carriers: carriersSchema.optional(),
  })
  .strict();

export const styleUpdateSchema = z
  .object({
    id,
    name: z.string().trim().min(1).max(STYLE_LIMITS.nameChars).optional(),
    promptFragment: z.string().max(STYLE_LIMITS.fragmentChars).optional(),
    negativePrompt: z.string().max(STYLE_LIMITS.negativeChars).optional(),
    seedPolicy: seedPolicySchema.optional(),
    carriers: carriersSchema.partial().optional(),
  })
  .strict();

export const styleCalls = {
  'style.list': call<StyleProfileView[]>()(z.object({}).strict()),
  'style.get': call<StyleProfileView>()(z.object({ id }).strict()),
  /** Extraction is queued; the profile answers as 'extracting' and 'style.updated' tells when it is ready. */
  'style.create': call<StyleProfileView>()(styleCreateSchema),
  'style.update': call<StyleProfileView>()(styleUpdateSchema),
  'style.lock': call<StyleProfileView>()(z.object({ id }).strict()),
  'style.unlock': call<StyleProfileView>()(z.object({ id }).strict()),
  'style.delete': call<{ deleted: boolean }>()(z.object({ id }).strict()),
  /** Scores images against the style; answers with the queued job, the scores arrive with 'style.updated'. */
  'style.score': call<JobView>()(z.object({ id, ...images }).strict()),
  'style.scores': call<StyleScoreView[]>()(z.object({ id, limit: z.number().int().min(1).max(200).default(50) }).strict()),
  /** What a generation naming this (locked) style would receive. */
  'style.applied': call<AppliedStyle>()(z.object({ id }).strict()),
} as const;

export type StyleCallName = keyof typeof styleCalls;

/** Pushed when one of the Style-Locker's records changed; the page reloads what it shows. */
export interface StyleChangedEvent {
  id: string;
}
