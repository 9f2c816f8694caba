import { z } from 'zod';
import { LANGUAGES } from '../settings.js';
import { TONE_IDS } from '../generate/tones.js';
import { GENERATION_PROVIDERS } from '../generate/requests.js';

/**
 * A KOL persona (seed 003 `kol_profiles`): who writes, in what voice, with
 * which model, to which accounts, within which limits. Platform passwords are
 * never stored: accounts are the outbox's publish accounts, connected through
 * the vault.
 */

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

export const EMOJI_LEVELS = ['none', 'some', 'many'] as const;

export const toneSettingsSchema = z
  .object({
    tone: z.enum(TONE_IDS).default('friendly'),
    language: z.enum(LANGUAGES).default('zh-TW'),
    emoji: z.enum(EMOJI_LEVELS).default('some'),
    /** Phrases the persona always or never uses (catch-phrases, words the client forbids). */
    catchPhrases: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
    avoid: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
    /** A line added under every post (a disclosure, a sign-off). */
    signature: z.string().trim().max(200).default(''),
  })
  .strict();
export type ToneSettings = z.output<typeof toneSettingsSchema>;

export const modelSettingsSchema = z
  .object({
    provider: z.enum(GENERATION_PROVIDERS).default('offline'),
    model: z.string().min(1).max(100).optional(),
    temperature: z.number().min(0).max(2).default(0.7),
  })
  .strict();
export type ModelSettings = z.output<typeof modelSettingsSchema>;

export const postingLimitsSchema = z
  .object({
    perDay: z.number().int().min(1).max(200).default(3),
    /** No post goes out between start and end (local time of `timeZone`; start > end spans midnight). */
    quietHours: z.object({ start: clock, end: clock }).strict().nullable().default({ start: '23:00', end: '07:00' }),
    timeZone: z.string().min(1).max(64).default('Asia/Taipei'),
  })
  .strict();
export type PostingLimits = z.output<typeof postingLimitsSchema>;

export const personaInputSchema = z
  .object({
    nickname: z.string().trim().min(1).max(100),
    /** Who the KOL is, in a sentence or a paragraph (the seed's `persona`). */
    persona: z.string().trim().min(1).max(2000),
    contentStyle: z.string().trim().max(500).default(''),
    targetAudience: z.string().trim().max(500).default(''),
    expertiseAreas: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
    tone: toneSettingsSchema.prefault({}),
    model: modelSettingsSchema.prefault({}),
    /** Publish accounts (src/main/publish) this persona posts to. */
    accountIds: z.array(z.string().min(1).max(100)).max(50).default([]),
    /** The agency client the persona belongs to (a client of the Connections page). */
    clientId: z.string().min(1).max(100).nullable().default(null),
    limits: postingLimitsSchema.prefault({}),
    /** Approved drafts skip review only when this is on (off by default, issue 14). */
    autoApprove: z.boolean().default(false),
    /** Learning suggestions go into this persona's prompts only when this is on. */
    learningEnabled: z.boolean().default(false),
  })
  .strict();
export type PersonaInput = z.input<typeof personaInputSchema>;
export type PersonaSettings = z.output<typeof personaInputSchema>;

export interface PersonaStatistics {
  posts: number;
  pendingReview: number;
  published: number;
  failed: number;
  /** Mean engagement score (likes + 1.5 comments + 2 shares + 2 saves) of published posts with metrics; null before any. */
  meanEngagement: number | null;
  lastPublishedAt: number | null;
}

export interface PersonaView extends PersonaSettings {
  id: string;
  createdAt: number;
  updatedAt: number;
  /** Set once archived: it writes no more posts, its records and statistics stay. */
  archivedAt: number | null;
  stats: PersonaStatistics;
}

/** The JSON a persona export holds and an import reads: settings only (ids, accounts and statistics stay on this machine). */
export const PERSONA_EXPORT_VERSION = 1;
export const personaExportSchema = z
  .object({
    kind: z.literal('kingjam.kol-personas'),
    version: z.literal(PERSONA_EXPORT_VERSION),
    personas: z.array(personaInputSchema.omit({ accountIds: true, clientId: true })).max(1000),
  })
  .strict();
export type PersonaExport = z.output<typeof personaExportSchema>;

type Bare<T> = T extends z.ZodDefault<infer I> ? I : T extends z.ZodPrefault<infer I> ? I : T;

/** A field's schema without its default: a patch names only what changes. */
function bare<T extends z.ZodType>(schema: T): Bare<T> {
  return (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault ? schema.unwrap() : schema) as Bare<T>;
}

function patchOf<S extends z.ZodRawShape>(object: z.ZodObject<S>) {
  const shape = Object.fromEntries(Object.entries(object.shape).map(([key, schema]) => [key, bare(schema as z.ZodType).optional()]));
  return z.object(shape as unknown as { [K in keyof S]: z.ZodOptional<Bare<S[K]>> }).strict();
}

/**
 * A change to a persona: only the fields given, nested settings field by
 * field. (zod 4's `.partial()` still fills every default in, so a patch of
 * the nickname alone would reset the tone, model and limits.)
 */
export const personaPatchSchema = patchOf(personaInputSchema).extend({
  tone: patchOf(toneSettingsSchema).optional(),
  model: patchOf(modelSettingsSchema).optional(),
  limits: patchOf(postingLimitsSchema).optional(),
});
export type PersonaPatch = z.output<typeof personaPatchSchema>;
