import { z } from 'zod';
import { DEFAULT_MOTION_SECONDS, EFFECTS } from '../motion.js';
import { PHOTO_GRANT } from './grant.js';
import { appliedStyleSchema } from '../style/profile.js';
import { PHOTO_LIMITS } from './limits.js';
import { backgroundSchema, COSTUMES, MOTION_BACKENDS, PHOTO_BACKENDS, PHOTO_VIA, REPAIR_BACKENDS } from './requests.js';
import { CHECK_PURPOSES, type DetectedFace, type PhotoCheckResult } from './check.js';
import type { BackgroundPreset } from './presets.js';

/**
 * The photo studio's worker jobs (issue 15). Main validates and queues them;
 * the `photo` handlers in src/workers/photo/ run them. Every path is absolute;
 * the worker never opens the database.
 */
const absPath = z.string().min(1);

const faceSchema = z.object({
  box: z.object({ x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() }),
  confidence: z.number().min(0).max(1),
});

/** A checked person photo: its normalised PNG and the one face the check found in it. */
const personSchema = z.object({ path: absPath, face: faceSchema });

/** The model choice shared by the generating jobs. */
const backendFields = {
  backend: z.enum(PHOTO_BACKENDS),
  /** Who runs an image model (ignored by offline and ComfyUI). */
  via: z.enum(PHOTO_VIA).default('cloud'),
  /** A ComfyUI workflow file in API format (backend `comfyui`; default: the one set in Settings). */
  workflow: absPath.optional(),
  /** The locked style the request named, resolved by main (issue 16). */
  style: appliedStyleSchema.optional(),
};

const variantFields = {
  /** 1 (free tier) or 4 (paid: 4-choose-1), with seeds 1001… in order. */
  variants: z.union([z.literal(1), z.literal(PHOTO_LIMITS.paidVariants)]),
  /** The free tier's results carry a tiled watermark. */
  watermark: z.boolean(),
  /**
   * The free tier on KingJam Cloud: the variant is made on the platform-paid daily grant (./grant.ts),
   * honoured only when variants is 1, watermark is on and the backend is gemini, seedream or flux-kontext via cloud.
   */
  grant: z.literal(PHOTO_GRANT).optional(),
  outDir: absPath,
};

export const photoJobKinds = {
  /** The picker's preview of each bundled background, drawn from the same vector scene the fuse uses (once per start; cached). */
  'photo.presetThumbs': {
    queue: 'high',
    payload: z.object({ outDir: absPath, width: z.number().int().min(64).max(640), height: z.number().int().min(48).max(480) }),
    title: () => 'Background previews',
  },
  'photo.check': {
    queue: 'high',
    payload: z.object({ input: absPath, out: absPath, purpose: z.enum(CHECK_PURPOSES).default('person') }),
    title: (p: { input: string }) => `Check photo ${p.input.split(/[\\/]/).pop()}`,
  },
  'photo.fuse': {
    queue: 'default',
    payload: z.object({
      people: z.array(personSchema).min(PHOTO_LIMITS.minPeople).max(PHOTO_LIMITS.maxPeople),
      background: backgroundSchema,
      ...backendFields,
      ...variantFields,
    }),
    title: (p: { people: unknown[] }) => `Family photo of ${p.people.length} people`,
  },
  'photo.makeover': {
    queue: 'default',
    payload: z.object({
      /** The normalised family photo and the faces its check found (every one must survive). */
      photo: absPath,
      faces: z.array(faceSchema).min(1).max(12),
      background: backgroundSchema,
      costume: z.enum(COSTUMES).optional(),
      ...backendFields,
      ...variantFields,
    }),
    title: (p: { faces: unknown[] }) => `Makeover of a photo of ${p.faces.length}`,
  },
  'photo.repair': {
    queue: 'default',
    payload: z.object({
      photo: absPath,
      backend: z.enum(REPAIR_BACKENDS),
      via: z.enum(PHOTO_VIA).default('cloud'),
      workflow: absPath.optional(),
      out: absPath,
    }),
    title: (p: { photo: string }) => `Repair ${p.photo.split(/[\\/]/).pop()}`,
  },
  'photo.motion': {
    queue: 'video',
    payload: z.object({
      image: absPath,
      effect: z.enum(EFFECTS),
      seconds: z.number().min(1).max(15).default(DEFAULT_MOTION_SECONDS),
      backend: z.enum(MOTION_BACKENDS).default('local'),
      via: z.enum(PHOTO_VIA).default('cloud'),
      /** The faces of the still: the paid backends' clips are checked against them. */
      faces: z.array(faceSchema).max(12).default([]),
      /** The people mask of the still (white = person), as a fuse wrote it; computed by segmentation when absent. */
      mask: absPath.optional(),
      out: absPath,
      livePhoto: z.boolean().default(true),
    }),
    title: (p: { effect: string; image: string }) => `Photo motion (${p.effect}) of ${p.image.split(/[\\/]/).pop()}`,
  },
} as const;

export type PhotoCheckJobResult = PhotoCheckResult;

/** One variant that came out: its file, its seed, how many faces the check found in it. */
export interface PhotoVariant {
  seed: number;
  path: string;
  width: number;
  height: number;
  bytes: number;
  facesFound: number;
  /** True when this is the one more generation that replaced a variant whose faces did not match. */
  replacement: boolean;
  /** Offline composites are drafts and say so. */
  draft: boolean;
  provider: string;
  model: string;
}

/** A seed whose variant failed even after its replacement, with the reason as a message key. */
export interface PhotoVariantFailure {
  seed: number;
  key: string;
  params: Record<string, string | number>;
}

export interface PhotoVariantsResult {
  variants: PhotoVariant[];
  failures: PhotoVariantFailure[];
  /** The people mask of each variant (white = person), for the motion that must leave people still. */
  masks: Record<number, string>;
  creditsUsed?: number;
}

/** Each bundled background's preview: a WebP file per preset. */
export interface PresetThumbsResult {
  files: Partial<Record<BackgroundPreset, string>>;
}

export interface PhotoRepairResult {
  path: string;
  width: number;
  height: number;
  bytes: number;
  provider: string;
  model: string;
}

export interface PhotoMotionResult {
  output: string;
  durationSec: number;
  width: number;
  height: number;
  livePhoto: { jpeg: string; mov: string; contentIdentifier: string } | null;
  /** The faces found in the clip's frames against the still's (paid backends); null for the local overlay. */
  faceCheck: { expected: number; found: number[]; ok: boolean } | null;
  /** The mean frame difference inside the people mask and outside it (0…255), as measured on the clip. */
  stillness: { people: number; background: number } | null;
}

export type { DetectedFace };
