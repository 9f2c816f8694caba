import { z } from 'zod';
import type { CallSpec } from './contract.js';
import type { ErrorInfo } from '../errors.js';
import type { AssetView } from '../library.js';
import type { Estimate } from '../pricing.js';
import type { Effect } from '../motion.js';
import { DEFAULT_MOTION_SECONDS, EFFECTS } from '../motion.js';
import { PHOTO_LIMITS } from '../photo/limits.js';
import type { BackgroundPreset, PresetInfo } from '../photo/presets.js';
import { CHECK_PURPOSES, type CheckPurpose, type DetectedFace, type PhotoIssue } from '../photo/check.js';
import type { PhotoVariantFailure } from '../photo/jobs.js';
import {
  backgroundSchema,
  COSTUMES,
  MOTION_BACKENDS,
  PHOTO_BACKENDS,
  PHOTO_TIERS,
  PHOTO_VIA,
  REPAIR_BACKENDS,
  type PhotoTier,
  type PhotoVia,
} from '../photo/requests.js';

/** The photo studio's calls (issue 15): uploads and their checks, runs of the four tools, choosing and handing on; spread into the contract. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const id = z.string().min(1).max(100);
const filePath = z.string().min(1).max(4096);
const uploadIds = z.array(id).min(PHOTO_LIMITS.minPeople).max(PHOTO_LIMITS.maxPeople);

export const PHOTO_RUN_KINDS = ['fuse', 'makeover', 'repair', 'motion'] as const;
export type PhotoRunKind = (typeof PHOTO_RUN_KINDS)[number];

export const PHOTO_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'canceled'] as const;
export type PhotoRunStatus = (typeof PHOTO_RUN_STATUSES)[number];

/**
 * The consent box: the user confirms they may use the photos of the other
 * people in them. A run whose box is not ticked is refused with the reason
 * (a message, not a schema error, so the page can say it in the user's language).
 */
const consent = z.boolean();

/** What the puzzle and the makeover both choose: the model, who runs it, the tier, the consent box. */
const makeFields = {
  backend: z.enum(PHOTO_BACKENDS),
  via: z.enum(PHOTO_VIA).default('cloud'),
  tier: z.enum(PHOTO_TIERS),
  consent,
  /** A ComfyUI workflow file (backend comfyui); default: the one set in Settings. */
  workflow: filePath.optional(),
  /** A locked Style-Locker style (issue 16) applied to the variants. */
  styleId: id.optional(),
};

/** Time-space puzzle: 1–5 checked people photos on a background; the free tier makes 1 watermarked variant, paid 4. */
export const photoFuseRequestSchema = z
  .object({
    uploads: uploadIds,
    background: backgroundSchema,
    ...makeFields,
  })
  .strict();
export type PhotoFuseRequest = z.output<typeof photoFuseRequestSchema>;

/** Rich makeover: one checked family photo on a new background, optionally a costume change (paid, image-editing models only). */
export const photoMakeoverRequestSchema = z
  .object({
    upload: id,
    background: backgroundSchema,
    costume: z.enum(COSTUMES).optional(),
    ...makeFields,
  })
  .strict();
export type PhotoMakeoverRequest = z.output<typeof photoMakeoverRequestSchema>;

/** Old-photo repair: one uploaded photo through a face-restoration model or the user's ComfyUI workflow. */
export const photoRepairRequestSchema = z
  .object({
    upload: id,
    backend: z.enum(REPAIR_BACKENDS),
    via: z.enum(PHOTO_VIA).default('cloud'),
    tier: z.enum(PHOTO_TIERS),
    consent,
    workflow: filePath.optional(),
  })
  .strict();
export type PhotoRepairRequest = z.output<typeof photoRepairRequestSchema>;

/** What a micro-motion starts from: a run's variant (the chosen one unless a seed is named; its people mask comes along) or an image file. */
export const photoMotionSourceSchema = z.union([
  z.object({ run: id, seed: z.number().int().optional() }).strict(),
  z.object({ image: filePath }).strict(),
]);

/** Micro-motion (paid only): the background moves, the people stay still; a 5 s clip and a Live Photo pair. */
export const photoMotionRequestSchema = z
  .object({
    source: photoMotionSourceSchema,
    effect: z.enum(EFFECTS),
    backend: z.enum(MOTION_BACKENDS).default('local'),
    via: z.enum(PHOTO_VIA).default('cloud'),
    seconds: z.number().min(1).max(15).default(DEFAULT_MOTION_SECONDS),
    livePhoto: z.boolean().default(true),
    tier: z.enum(PHOTO_TIERS),
  })
  .strict();
export type PhotoMotionRequest = z.output<typeof photoMotionRequestSchema>;

export const photoEstimateRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fuse'), request: photoFuseRequestSchema }).strict(),
  z.object({ kind: z.literal('makeover'), request: photoMakeoverRequestSchema }).strict(),
  z.object({ kind: z.literal('repair'), request: photoRepairRequestSchema }).strict(),
  z.object({ kind: z.literal('motion'), request: photoMotionRequestSchema }).strict(),
]);
export type PhotoEstimateRequest = z.output<typeof photoEstimateRequestSchema>;

export interface PhotoPresetView {
  id: BackgroundPreset;
  names: PresetInfo['names'];
  /** The micro-motion effect offered first for this background. */
  motion: Effect;
}

export const PHOTO_UPLOAD_STATUSES = ['checking', 'passed', 'failed', 'deleted'] as const;
export type PhotoUploadStatus = (typeof PHOTO_UPLOAD_STATUSES)[number];

/** One uploaded photo: its check, and the countdown to its original's deletion (24 h after upload). */
export interface PhotoUploadView {
  id: string;
  /** The file name the user picked. */
  name: string;
  /** What it was checked as: a person photo (exactly one face: the time-space puzzle) or a group photo (makeover, repair). */
  purpose: CheckPurpose;
  status: PhotoUploadStatus;
  /** The normalised PNG inside the media library ('/'-separated, for mediaUrl), or null once deleted or before the check. */
  preview: string | null;
  width: number | null;
  height: number | null;
  faces: DetectedFace[];
  sharpness: number | null;
  /** Each problem with its message key (`photo.check.<problem>`, with a retake hint); empty when the photo passed. */
  issues: PhotoIssue[];
  /** Why the check itself could not run (a worker error), or null. */
  error: ErrorInfo | null;
  consent: boolean;
  uploadedAt: number;
  /** When the original (and its normalised copy) will be deleted: uploadedAt + 24 h. */
  expiresAt: number;
  /** Milliseconds until then (0 once due), as of the answer. */
  remainingMs: number;
  deletedAt: number | null;
}

/** One variant of a run, as the chooser shows it. */
export interface PhotoVariantView {
  seed: number;
  /** The image inside the media library ('/'-separated, for mediaUrl). */
  file: string;
  width: number;
  height: number;
  bytes: number;
  facesFound: number;
  replacement: boolean;
  draft: boolean;
  watermarked: boolean;
  provider: string;
  model: string;
  /** The people mask (white = person) inside the media library, or null. */
  mask: string | null;
}

export interface PhotoMotionOutput {
  clip: string;
  durationSec: number;
  width: number;
  height: number;
  livePhoto: { jpeg: string; mov: string } | null;
  stillness: { people: number; background: number } | null;
  faceCheck: { expected: number; found: number[]; ok: boolean } | null;
}

/** One run of a tool: what was asked, where it stands, and what came out. */
export interface PhotoRunView {
  id: string;
  kind: PhotoRunKind;
  tier: PhotoTier;
  backend: string;
  via: PhotoVia;
  status: PhotoRunStatus;
  /** 0…1 while running. */
  progress: number;
  jobId: string | null;
  /** The uploads it used (people photos, the family photo, the photo to repair). */
  uploads: string[];
  /** The run this motion was made from, or null. */
  sourceRun: string | null;
  watermark: boolean;
  /** Credits held for it (0 on the free tier, local backends and the user's own key). */
  estimatedCredits: number;
  /** Credits the finished job reports as spent, or null. */
  creditsUsed: number | null;
  variants: PhotoVariantView[];
  failures: PhotoVariantFailure[];
  chosenSeed: number | null;
  /** Old-photo repair: the photo before and after (library paths), or null. */
  repair: { before: string | null; after: string } | null;
  motion: PhotoMotionOutput | null;
  error: ErrorInfo | null;
  createdAt: number;
  finishedAt: number | null;
  /** When its results leave the library under the retention settings, or null while none exist. */
  resultsExpireAt: number | null;
}

/** The free tier's allowance for today (the Taipei day, as the cloud counts): how many free variants are left, and when it resets. */
export interface PhotoFreeToday {
  limit: number;
  used: number;
  left: number;
  /** The next 00:00 in Asia/Taipei. */
  resetsAt: number;
  /** Why none are left (a message key with its parameters), or null while some are. */
  reason: { key: string; params?: Record<string, string | number> } | null;
}

export interface PhotoRunPage {
  items: PhotoRunView[];
  nextBefore: string | null;
}

export const photoCalls = {
  'photo.presets': call<PhotoPresetView[]>()(z.object({}).strict()),
  /** Each background's 320×240 WebP preview as a data: URL, drawn by a worker from the scene the fuse uses (the first call of a start waits for it). */
  'photo.presetThumbs': call<Partial<Record<BackgroundPreset, string>>>()(z.object({}).strict()),
  /** A file the user picked (staged by the bridge, or picked on the desktop): copied in, normalised and checked; answers once the check is done. */
  'photo.upload': call<PhotoUploadView>()(
    z.object({ path: filePath, consent: z.boolean().default(false), purpose: z.enum(CHECK_PURPOSES).default('person') }).strict(),
  ),
  /** A library image picked instead of a file (by library id): copied in and checked as an upload, under the item's name. */
  'photo.uploadFromLibrary': call<PhotoUploadView>()(
    z.object({ libraryId: id, consent: z.boolean().default(false), purpose: z.enum(CHECK_PURPOSES).default('person') }).strict(),
  ),
  /** Uploads whose originals still exist (and, with includeDeleted, those already removed), newest first, each with its countdown. */
  'photo.uploads': call<PhotoUploadView[]>()(
    z.object({ includeDeleted: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(50) }).strict(),
  ),
  /** Deletes the original and its normalised copy now. */
  'photo.deleteUpload': call<PhotoUploadView>()(z.object({ id }).strict()),
  'photo.estimate': call<Estimate>()(photoEstimateRequestSchema),
  'photo.fuse': call<PhotoRunView>()(photoFuseRequestSchema),
  'photo.makeover': call<PhotoRunView>()(photoMakeoverRequestSchema),
  'photo.repair': call<PhotoRunView>()(photoRepairRequestSchema),
  'photo.motion': call<PhotoRunView>()(photoMotionRequestSchema),
  'photo.runs': call<PhotoRunPage>()(
    z
      .object({
        kind: z.enum(PHOTO_RUN_KINDS).optional(),
        limit: z.number().int().min(1).max(200).default(50),
        /** A run id: list runs created before it. */
        before: id.optional(),
      })
      .strict(),
  ),
  'photo.run': call<PhotoRunView>()(z.object({ id }).strict()),
  /** Picks the variant the user keeps (4-choose-1). */
  'photo.choose': call<PhotoRunView>()(z.object({ id, seed: z.number().int() }).strict()),
  /** The chosen image (or a named variant) as a library asset, for the page to open the social composer with (mediaFromAsset). */
  'photo.usePost': call<{ asset: AssetView }>()(z.object({ id, seed: z.number().int().optional() }).strict()),
  'photo.freeToday': call<PhotoFreeToday>()(z.object({}).strict()),
} as const;

export type PhotoCallName = keyof typeof photoCalls;
