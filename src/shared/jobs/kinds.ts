import { z } from 'zod';
import type { QueueName } from './queues.js';
import { DEFAULT_MOTION_SECONDS, EFFECTS } from '../motion.js';
import { ASPECTS, FITS, WATERMARK_POSITIONS, timelineSchema } from '../timeline.js';
import { VIDEO_BACKENDS } from '../pricing.js';
import { LANGUAGES } from '../settings.js';
import {
  blogRequestSchema,
  directorRequestSchema,
  directorSceneSchema,
  GENERATION_PROVIDERS,
  socialRequestSchema,
} from '../generate/requests.js';
import { postPayloadSchema } from '../publish/post.js';
import { PLATFORM_LABELS, PUBLISH_PLATFORMS, type PublishPlatform } from '../publish/platforms.js';
import { personaInputSchema } from '../kol/persona.js';
import { METRICS_PLATFORMS, type FetchedMetrics } from '../kol/metrics.js';
import { meshJobKinds, type MeshJobResults } from '../mesh/jobs.js';
import { characterJobKinds, type CharacterJobResults } from '../creator/jobs.js';
import { styleJobKinds, type StyleJobResults } from '../style/jobs.js';
import { appliedStyleSchema } from '../style/profile.js';
import { inkJobKinds, type InkJobResults } from '../ink/jobs.js';
import { photoJobKinds, type PhotoCheckJobResult, type PhotoMotionResult, type PhotoRepairResult, type PresetThumbsResult, type PhotoVariantsResult } from '../photo/jobs.js';

/**
 * Every job kind the engine knows: its default queue, payload schema and a
 * human title. Payloads are validated when enqueued (main) and again when a
 * worker receives them, so a malformed job file never reaches a handler.
 */
const absPath = z.string().min(1);

export const mediaKindSchema = z.enum(['image', 'video', 'audio']);
export type MediaKind = z.infer<typeof mediaKindSchema>;

export const jobKinds = {
  'media.probe': {
    queue: 'default',
    payload: z.object({
      assetId: z.string().min(1),
      source: absPath,
      thumbPath: absPath,
      kind: mediaKindSchema,
      name: z.string(),
      /** A job's output being registered (issue 17), not the user's import: titled so, and no "imported" toast. */
      output: z.boolean().optional(),
    }),
    title: (p: { name: string; output?: boolean | undefined }) => (p.output ? `Library output ${p.name}` : `Import ${p.name}`),
  },
  'media.contactSheet': {
    queue: 'default',
    payload: z.object({
      images: z.array(z.object({ path: absPath, label: z.string().max(200) })).min(1).max(100),
      out: absPath,
      title: z.string().max(200).default('KingJam Studio'),
      columns: z.number().int().min(1).max(10).default(3),
      cellWidth: z.number().int().min(64).max(1024).default(360),
    }),
    title: (p: { images: unknown[] }) => `Contact sheet of ${p.images.length} images`,
  },
  'media.compose': {
    queue: 'video',
    payload: z.object({
      timeline: timelineSchema,
      /** Relative paths in the timeline resolve against this folder (the timeline file's). */
      baseDir: absPath,
      out: absPath,
    }),
    title: (p: { timeline: { scenes: unknown[] }; out: string }) =>
      `Render video (${p.timeline.scenes.length} scenes) → ${p.out.split(/[\\/]/).pop()}`,
  },
  'media.motion': {
    queue: 'video',
    payload: z.object({
      image: absPath,
      effect: z.enum(EFFECTS),
      seconds: z.number().min(1).max(15).default(DEFAULT_MOTION_SECONDS),
      out: absPath,
      livePhoto: z.boolean().default(false),
    }),
    title: (p: { effect: string; image: string }) => `Micro-motion (${p.effect}) of ${p.image.split(/[\\/]/).pop()}`,
  },
  'media.image': {
    queue: 'default',
    payload: z.discriminatedUnion('op', [
      z.object({ op: z.literal('normalise'), input: absPath, out: absPath }),
      z.object({ op: z.literal('crop'), input: absPath, out: absPath, aspect: z.enum(ASPECTS), fit: z.enum(FITS).default('cover') }),
      z.object({
        op: z.literal('watermark'),
        input: absPath,
        out: absPath,
        text: z.string().min(1).max(80),
        position: z.enum(WATERMARK_POSITIONS).default('bottom-right'),
        tiled: z.boolean().default(false),
      }),
      z.object({ op: z.literal('grid'), inputs: z.array(absPath).length(4), out: absPath }),
      z.object({ op: z.literal('thumbnail'), input: absPath, out: absPath, size: z.number().int().min(16).max(2048).default(320) }),
    ]),
    title: (p: { op: string }) => `Image: ${p.op}`,
  },
  'generate.blog': {
    queue: 'default',
    /** `style`: the locked style the request named, resolved by main (issue 16). */
    /** `imageFile`: the library image the request picked as its cover (resolved by main), used instead of making one. */
    payload: z.object({ request: blogRequestSchema, outDir: absPath, style: appliedStyleSchema.optional(), imageFile: absPath.optional() }),
    title: (p: { request: { topic: string } }) => `Blog: ${p.request.topic}`,
  },
  'generate.social': {
    queue: 'default',
    payload: z.object({ request: socialRequestSchema, outDir: absPath, style: appliedStyleSchema.optional(), imageFile: absPath.optional() }),
    title: (p: { request: { topic: string; platform: string } }) => `Social post (${p.request.platform}): ${p.request.topic}`,
  },
  'director.script': {
    queue: 'default',
    payload: z.object({ request: directorRequestSchema }),
    title: (p: { request: { topic: string } }) => `Video script: ${p.request.topic}`,
  },
  'director.scene': {
    queue: 'video',
    payload: z.object({
      index: z.number().int().min(0).max(50),
      scene: directorSceneSchema,
      backend: z.enum(VIDEO_BACKENDS),
      aspect: z.enum(['9:16', '16:9', '1:1']),
      title: z.string().max(200),
      topic: z.string().max(300),
      tone: z.string().max(40),
      language: z.enum(LANGUAGES),
      /** Voice-over through this provider, when one is chosen. */
      voice: z.enum(GENERATION_PROVIDERS).nullable(),
      /** Who renders a paid backend: KingJam Cloud or the user's own key. */
      via: z.enum(['cloud', 'own-key']).default('own-key'),
      /** What this scene costs (main's estimate): the worker reports what it really used, never more. */
      prices: z.object({ scene: z.number().int().min(0), voice: z.number().int().min(0) }),
      outDir: absPath,
      style: appliedStyleSchema.optional(),
    }),
    title: (p: { index: number; backend: string }) => `Video scene ${p.index + 1} (${p.backend})`,
  },
  'providers.test': {
    queue: 'high',
    // Meshy is tested like the generation providers: its key against its balance endpoint.
    payload: z.object({ provider: z.enum([...GENERATION_PROVIDERS, 'meshy']) }),
    title: (p: { provider: string }) => `Connection test: ${p.provider}`,
  },
  /**
   * One attempt to publish one outbox post (issue 13). Queue `high`: a post is
   * due at a minute the user chose, and its work is a few HTTP calls, so it
   * must never wait behind generation jobs (`default`) or renders (`video`).
   */
  'publish.post': {
    queue: 'high',
    payload: z.object({
      postId: z.string().min(1),
      platform: z.enum(PUBLISH_PLATFORMS),
      target: z.object({ platform: z.enum(PUBLISH_PLATFORMS), accountId: z.string().min(1), targetId: z.string().min(1).nullable() }),
      post: postPayloadSchema,
    }),
    title: (p: { platform: PublishPlatform; postId: string }) => `Publish to ${PLATFORM_LABELS[p.platform]} (${p.postId.slice(0, 8)})`,
  },
  /** What a vault connection can post as on a platform (a Meta login's Pages…), asked of the platform. */
  'publish.targets': {
    queue: 'high',
    payload: z.object({ platform: z.enum(PUBLISH_PLATFORMS), connectionId: z.string().min(1), accountId: z.string().min(1) }),
    title: (p: { platform: PublishPlatform }) => `Accounts on ${PLATFORM_LABELS[p.platform]}`,
  },
  /**
   * One KOL post written in a persona's voice (issue 14, a batch item): the
   * persona's settings as they were when the item was queued, so a retry
   * writes with the same voice as the first attempt. `timeoutMs` bounds the
   * whole attempt (the seed's 120 s); a post not written by then fails.
   */
  'kol.write': {
    queue: 'default',
    payload: z.object({
      personaId: z.string().min(1).max(100),
      persona: personaInputSchema,
      topic: z.string().trim().min(2).max(300),
      context: z.string().max(4000).default(''),
      /** Lines the persona's learning added to its prompts. */
      learned: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
      provider: z.enum(GENERATION_PROVIDERS),
      model: z.string().min(1).max(100).optional(),
      temperature: z.number().min(0).max(2).default(0.7),
      timeoutMs: z.number().int().min(100).max(600_000).default(120_000),
    }),
    title: (p: { persona: { nickname: string }; topic: string }) => `KOL post (${p.persona.nickname}): ${p.topic}`,
  },
  /**
   * One read of a published KOL post's engagement from the platform's insights
   * API (issue 14), with the token of the connection that published it. Queue
   * `default`: a read can wait, and must never hold up a publish.
   */
  'kol.metrics': {
    queue: 'default',
    payload: z.object({
      postId: z.string().min(1),
      platform: z.enum(METRICS_PLATFORMS),
      /** The vault connection whose token reads the numbers (main hands it over for this job alone). */
      connectionId: z.string().min(1),
      target: z.object({ accountId: z.string().min(1), targetId: z.string().min(1).nullable() }),
      platformPostId: z.string().min(1),
    }),
    title: (p: { platform: PublishPlatform; postId: string }) => `Engagement on ${PLATFORM_LABELS[p.platform]} (${p.postId.slice(0, 8)})`,
  },
  'diag.noop': {
    queue: 'default',
    payload: z.object({}).passthrough(),
    title: () => 'Worker round trip',
  },
  'diag.steps': {
    queue: 'default',
    payload: z.object({
      steps: z.number().int().min(1).max(10_000),
      stepMs: z.number().int().min(0).max(60_000),
      /** When set, each finished step leaves a marker file here (shows what a resumed job skipped). */
      outDir: absPath.optional(),
    }),
    title: (p: { steps: number }) => `Diagnostic run of ${p.steps} steps`,
  },
  'diag.fail': {
    queue: 'default',
    payload: z.object({ message: z.string().max(500), retryable: z.boolean().default(true) }),
    title: () => 'Diagnostic failure',
  },
  ...photoJobKinds,
  // Issue 16 (Creator Hub): one kinds file per area.
  ...meshJobKinds,
  ...characterJobKinds,
  ...styleJobKinds,
  ...inkJobKinds,
} as const satisfies Record<
  string,
  { queue: QueueName; payload: z.ZodType; title: (payload: never) => string }
>;

export type JobKind = keyof typeof jobKinds;
export type JobPayload<K extends JobKind> = z.output<(typeof jobKinds)[K]['payload']>;
export type JobPayloadInput<K extends JobKind> = z.input<(typeof jobKinds)[K]['payload']>;

export function isJobKind(kind: string): kind is JobKind {
  return Object.prototype.hasOwnProperty.call(jobKinds, kind);
}

/** Result shapes returned by workers, per kind. */
export interface ProbeResult {
  kind: MediaKind;
  format: string;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  codecs: string[];
}

export interface ContactSheetResult {
  path: string;
  width: number;
  height: number;
  bytes: number;
}

export interface ComposeJobResult {
  output: string;
  poster: string;
  srt: string | null;
  durationSec: number;
  width: number;
  height: number;
  fps: number;
  encoder: string;
}

export interface MotionJobResult {
  output: string;
  durationSec: number;
  width: number;
  height: number;
  livePhoto: { jpeg: string; mov: string; contentIdentifier: string } | null;
}

export interface ImageJobResult {
  path: string;
  width: number;
  height: number;
  bytes: number;
  format: string;
}

/** A publish attempt that ended with the post live: what the platform calls it and where it is. */
export interface PublishJobResult {
  platformPostId: string;
  url: string | null;
  /** Whether it was found already live (an interrupted attempt had sent it) rather than sent by this attempt. */
  recovered: boolean;
}

/** A KOL post as written (the draft record is made from it in main). */
export interface KolWriteResult {
  title: string;
  /** Plain text as it will be posted. */
  content: string;
  contentMd: string;
  tags: string[];
  provider: string;
  model: string;
  /** Written by the offline provider (a draft to rewrite), not a model. */
  draft: boolean;
  creditsUsed: number;
}

export interface JobResults extends MeshJobResults, CharacterJobResults, StyleJobResults, InkJobResults {
  'media.probe': ProbeResult;
  'media.compose': ComposeJobResult;
  'media.motion': MotionJobResult;
  'media.image': ImageJobResult;
  'media.contactSheet': ContactSheetResult;
  'publish.post': PublishJobResult;
  'publish.targets': { targets: { targetId: string | null; displayName: string }[] };
  'kol.write': KolWriteResult;
  'kol.metrics': FetchedMetrics;
  'diag.noop': { pid: number; handlerLoadedAt: number };
  'diag.steps': { steps: number; resumedFrom: number };
  'diag.fail': never;
  'photo.presetThumbs': PresetThumbsResult;
  'photo.check': PhotoCheckJobResult;
  'photo.fuse': PhotoVariantsResult;
  'photo.makeover': PhotoVariantsResult;
  'photo.repair': PhotoRepairResult;
  'photo.motion': PhotoMotionResult;
}
