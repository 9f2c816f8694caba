import { z } from 'zod';
import { GENERATION_PROVIDERS, COVER_QUALITIES, DIRECTOR_ASPECTS, SOCIAL_ASPECTS } from '../generate/requests.js';
import { PLATFORM_IDS } from '../generate/platforms.js';
import { TONE_IDS } from '../generate/tones.js';
import { EFFECTS } from '../motion.js';
import { BACKGROUND_PRESETS } from '../photo/presets.js';
import { PHOTO_BACKENDS, PHOTO_VIA } from '../photo/requests.js';
import { VIDEO_BACKENDS } from '../pricing.js';
import { LANGUAGES } from '../settings.js';
import { QUALITIES } from '../timeline.js';
import { dependencyProblems } from './deps.js';

/**
 * The batch job file (`kingjam batch run FILE`, docs/batch.md): JSON or
 * YAML, `version: 1`, defaults for the whole file and a list of items. Each
 * item is validated on its own so that every problem of every item is
 * listed at once; the requests the services take are built from them in
 * main (src/main/batch/plan.ts) and checked again by the services' schemas.
 */

export const BATCH_KINDS = ['blog', 'social', 'video', 'photo-fuse', 'compose', 'motion', 'publish'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];

const itemId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" and "-", at most 64, starting with a letter or digit');

/**
 * An input: a file path (relative to the job file's folder), a library item by id, or `{ "from": ID }` — the
 * output of another item of the file (its first image; for `media`, its first image or video), which makes
 * this item wait for that one (src/shared/batch/deps.ts).
 */
export const inputRefSchema = z.union([z.string().trim().min(1).max(4096), z.object({ asset: z.string().trim().min(1).max(100) }).strict(), z.object({ from: itemId }).strict()]);
export type InputRef = z.infer<typeof inputRefSchema>;
/** A file name without folder: outputs land in the output folder under it. */
const outputName = z.string().regex(/^[^/\\:*?"<>|\s.][^/\\:*?"<>|]{0,99}$/, 'a file name without a folder');
const provider = z.enum(GENERATION_PROVIDERS);
const model = z.string().trim().min(1).max(100);

/** What an item may leave to the file's defaults. */
const shared = {
  provider: provider.optional(),
  model: model.optional(),
  imageProvider: provider.optional(),
  imageModel: model.optional(),
  language: z.enum(LANGUAGES).optional(),
  tone: z.enum(TONE_IDS).optional(),
  styleId: z.string().min(1).max(100).optional(),
};

export const batchDefaultsSchema = z
  .object({
    ...shared,
    /** The output folder, relative to the job file's folder (default `<file name>-out`). */
    out: z.string().trim().min(1).max(4096).optional(),
    quality: z.enum(QUALITIES).optional(),
    height: z.number().int().min(240).max(2160).optional(),
  })
  .strict();
export type BatchDefaults = z.infer<typeof batchDefaultsSchema>;

/** `after`: ids of items that must succeed before this one starts (besides those its `from` inputs name). */
const base = { id: itemId, output: outputName.optional(), after: z.array(itemId).min(1).max(100).optional(), ...shared };
const keywords = z.array(z.string().trim().min(1).max(40)).max(10).optional();

export const batchItemSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('blog'), topic: z.string(), keywords, length: z.number().int().min(300).max(5000).optional(), cover: z.enum(COVER_QUALITIES).optional(), persona: z.string().max(200).optional(), image: inputRefSchema.optional() }).strict(),
  z.object({ ...base, kind: z.literal('social'), topic: z.string(), platform: z.enum(PLATFORM_IDS), keywords, aspect: z.enum(SOCIAL_ASPECTS).optional(), persona: z.string().max(200).optional(), image: inputRefSchema.optional() }).strict(),
  z
    .object({
      ...base,
      kind: z.literal('video'),
      topic: z.string(),
      keywords,
      backend: z.enum(VIDEO_BACKENDS).optional(),
      aspect: z.enum(DIRECTOR_ASPECTS).optional(),
      seconds: z.number().int().min(10).max(120).optional(),
      scenes: z.number().int().min(2).max(12).optional(),
      height: z.number().int().min(240).max(2160).optional(),
      quality: z.enum(QUALITIES).optional(),
      voice: z.boolean().optional(),
      music: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal('photo-fuse'),
      photos: z.array(inputRefSchema).min(1).max(5),
      preset: z.enum(BACKGROUND_PRESETS).optional(),
      background: inputRefSchema.optional(),
      backend: z.enum(PHOTO_BACKENDS).optional(),
      via: z.enum(PHOTO_VIA).optional(),
      variants: z.union([z.literal(1), z.literal(4)]).optional(),
    })
    .strict(),
  z.object({ ...base, kind: z.literal('compose'), timeline: inputRefSchema, quality: z.enum(QUALITIES).optional() }).strict(),
  z.object({ ...base, kind: z.literal('motion'), image: inputRefSchema, effect: z.enum(EFFECTS), seconds: z.number().int().min(1).max(15).optional(), livePhoto: z.boolean().optional() }).strict(),
  z
    .object({
      ...base,
      kind: z.literal('publish'),
      /** Account ids, `platform:display name`, or a display name only one account has (as in a publishing CSV). */
      accounts: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
      text: z.string().max(63_206),
      media: z.array(inputRefSchema).max(10).optional(),
      /** When to publish (`2027-01-31 09:00` in the account's zone, or ISO with an offset); omitted: now. */
      at: z.string().trim().min(1).max(60).optional(),
    })
    .strict(),
]);
export type BatchItem = z.infer<typeof batchItemSchema>;

/** The file's frame; items are checked one by one (batchItemSchema) so one bad item does not hide the others' problems. */
export const batchFileSchema = z
  .object({
    version: z.literal(1),
    defaults: batchDefaultsSchema.optional(),
    items: z.array(z.unknown()).min(1).max(10_000),
  })
  .strict();

/** One problem of a job file: the item (null: the file itself), the field, and the text key with its parameters. */
export interface BatchProblem {
  item: string | null;
  field: string;
  key: BatchProblemKey;
  params: Record<string, string | number>;
}

export const BATCH_PROBLEM_KEYS = [
  'batch.problem.required',
  'batch.problem.oneOf',
  'batch.problem.range',
  'batch.problem.unknownField',
  'batch.problem.unknownKind',
  'batch.problem.invalid',
  'batch.problem.duplicateId',
  'batch.problem.fileMissing',
  'batch.problem.assetMissing',
  'batch.problem.unusable',
  'batch.problem.estimate',
  'batch.problem.accountUnknown',
  'batch.problem.time',
  'batch.problem.background',
  'batch.problem.notJobFile',
  'batch.problem.disk',
  'batch.problem.unknownDependency',
  'batch.problem.cycle',
  'batch.problem.fromNotHere',
] as const;
export type BatchProblemKey = (typeof BATCH_PROBLEM_KEYS)[number];

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  values?: readonly unknown[];
  keys?: readonly string[];
  minimum?: unknown;
  maximum?: unknown;
  options?: readonly unknown[];
}

/** A zod issue as a problem a user can act on, in their language (the detail stays zod's English only for the rare kinds). */
export function issueProblem(item: string | null, issue: Issue, prefix = ''): BatchProblem[] {
  const at = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  if (issue.code === 'unrecognized_keys') return (issue.keys ?? []).map((k) => ({ item, field: [at, k].filter(Boolean).join('.'), key: 'batch.problem.unknownField', params: {} }));
  if (issue.code === 'invalid_type' && issue.input === undefined) return [{ item, field: at, key: 'batch.problem.required', params: {} }];
  if (issue.code === 'invalid_value' && issue.values) return [{ item, field: at, key: 'batch.problem.oneOf', params: { values: issue.values.map(String).join(', ') } }];
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'kind') return [{ item, field: at, key: 'batch.problem.unknownKind', params: { values: BATCH_KINDS.join(', ') } }];
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = issue.code === 'too_small' ? `≥ ${String(issue.minimum)}` : `≤ ${String(issue.maximum)}`;
    return [{ item, field: at, key: 'batch.problem.range', params: { bound } }];
  }
  return [{ item, field: at, key: 'batch.problem.invalid', params: { detail: issue.message } }];
}

export interface ParsedJobFile {
  defaults: BatchDefaults;
  /** The items that are valid on their own (a second item with a used id is left out). */
  items: BatchItem[];
  /** Every problem of the items that are not; the preflight adds what it finds in the valid ones, so all are listed at once. */
  problems: BatchProblem[];
}

/** Validates a parsed job file: the frame's problems (nothing more can be read), or its valid items and every item's problems. */
export function readJobFile(data: unknown): { ok: true; file: ParsedJobFile } | { ok: false; problems: BatchProblem[] } {
  const frame = batchFileSchema.safeParse(data);
  if (!frame.success) return { ok: false, problems: frame.error.issues.flatMap((i) => issueProblem(null, i as Issue)) };
  const problems: BatchProblem[] = [];
  const items: BatchItem[] = [];
  const seen = new Set<string>();
  frame.data.items.forEach((raw, index) => {
    const rawId = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : `#${index + 1}`;
    const kind = typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
    const duplicate = seen.has(rawId);
    seen.add(rawId);
    if (duplicate) problems.push({ item: rawId, field: 'id', key: 'batch.problem.duplicateId', params: { id: rawId } });
    if (typeof kind !== 'string' || !(BATCH_KINDS as readonly string[]).includes(kind)) {
      problems.push({ item: rawId, field: 'kind', key: kind === undefined ? 'batch.problem.required' : 'batch.problem.unknownKind', params: kind === undefined ? {} : { values: BATCH_KINDS.join(', ') } });
      return;
    }
    const r = batchItemSchema.safeParse(raw);
    if (!r.success) problems.push(...r.error.issues.flatMap((i) => issueProblem(rawId, i as Issue)));
    else if (!duplicate) items.push(r.data);
  });
  // Dependencies naming no item of the file, and cycles: refused before anything runs.
  problems.push(...dependencyProblems(items, seen));
  return { ok: true, file: { defaults: frame.data.defaults ?? {}, items, problems } };
}
