import { z } from 'zod';
import type { ErrorCode, ErrorInfo } from '../errors.js';
import type { Localized } from '../messages.js';
import type { PublishPlatform } from './platforms.js';

/**
 * One post as the outbox keeps it and a publisher sends it (issue 13). The
 * payload is stored exactly as it will be sent; a post to two accounts is two
 * outbox rows with their own payloads (the composer writes both from one draft).
 */
export const OUTBOX_STATES = ['draft', 'scheduled', 'publishing', 'published', 'failed', 'canceled'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** How a platform's error is handled: retried, a token refresh then retried, or stopped for the user. */
export const FAILURE_CLASSES = ['retry', 'refresh-token', 'bad-post', 'disconnected'] as const;
export type FailureClass = (typeof FAILURE_CLASSES)[number];

/** The error code a failure of each class travels as (worker → main). */
export const FAILURE_CODES: Record<FailureClass, ErrorCode> = {
  retry: 'PUBLISH_RETRY',
  'refresh-token': 'PUBLISH_REFRESH_TOKEN',
  'bad-post': 'PUBLISH_BAD_POST',
  disconnected: 'PUBLISH_DISCONNECTED',
};

/** The class of a failed publish from its error code; anything else a worker threw (a crash, a bug) is retried. */
export function failureClassOf(code: ErrorCode): FailureClass {
  const found = FAILURE_CLASSES.find((c) => FAILURE_CODES[c] === code);
  return found ?? 'retry';
}

/** What happens to a post that came due while the studio was not running. */
export const MISSED_POLICIES = ['publish', 'mark-missed'] as const;
export type MissedPolicy = (typeof MISSED_POLICIES)[number];

export const postMediaSchema = z
  .object({
    /** A file in the media library (absolute path main resolved from a library id or a path the user gave). */
    path: z.string().min(1).max(4096),
    kind: z.enum(['image', 'video']),
    /** Filled by main from the library's probe (or the file) so validation needs no decoding in the renderer. */
    mime: z.string().max(100),
    bytes: z.number().int().min(0),
    width: z.number().int().min(0).nullable(),
    height: z.number().int().min(0).nullable(),
    durationSeconds: z.number().min(0).nullable(),
    altText: z.string().max(1000).optional(),
  })
  .strict();
export type PostMedia = z.infer<typeof postMediaSchema>;

/** What only some platforms read; the others ignore it. */
export const postOptionsSchema = z
  .object({
    instagram: z.object({ kind: z.enum(['feed', 'reel', 'story']).default('feed') }).strict().optional(),
    facebook: z.object({ link: z.url({ protocol: /^https?$/ }).max(2000).optional() }).strict().optional(),
    tiktok: z
      .object({
        /** `direct` posts at once; `inbox` sends a draft the creator finishes in the TikTok app. */
        mode: z.enum(['direct', 'inbox']).default('direct'),
        privacy: z.enum(['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY']).default('SELF_ONLY'),
        disableComment: z.boolean().default(false),
        disableDuet: z.boolean().default(false),
        disableStitch: z.boolean().default(false),
      })
      .strict()
      .optional(),
    youtube: z
      .object({
        privacy: z.enum(['private', 'unlisted', 'public']).default('private'),
        /** Marks the upload as a Short (`#Shorts` in the title when it is vertical or square and ≤ 3 min). */
        short: z.boolean().default(false),
        categoryId: z.string().regex(/^\d{1,3}$/).default('22'),
        tags: z.array(z.string().min(1).max(100)).max(30).default([]),
      })
      .strict()
      .optional(),
    linkedin: z.object({ visibility: z.enum(['PUBLIC', 'CONNECTIONS']).default('PUBLIC') }).strict().optional(),
    line: z
      .object({
        /** `broadcast` to every friend of the official account, or `push` to the listed user ids. */
        mode: z.enum(['broadcast', 'push']).default('broadcast'),
        to: z.array(z.string().regex(/^U[0-9a-f]{32}$/)).max(500).default([]),
      })
      .strict()
      .optional(),
    wordpress: z
      .object({
        status: z.enum(['publish', 'draft', 'pending', 'private']).default('publish'),
        categories: z.array(z.string().min(1).max(100)).max(20).default([]),
        tags: z.array(z.string().min(1).max(100)).max(40).default([]),
        /** The body is Markdown (converted to HTML) or already HTML. */
        format: z.enum(['markdown', 'html']).default('markdown'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type PostOptions = z.infer<typeof postOptionsSchema>;

export const postPayloadSchema = z
  .object({
    text: z.string().max(1_000_000),
    /** YouTube's video title, WordPress's post title. */
    title: z.string().max(500).optional(),
    media: z.array(postMediaSchema).max(20).default([]),
    options: postOptionsSchema.default({}),
  })
  .strict();
export type PostPayload = z.infer<typeof postPayloadSchema>;

/** Something a post must change before a platform will take it, in the user's language from its key. */
export interface PostProblem {
  /** `text`, `title`, `media.2`, `options.tiktok.privacy`… */
  field: string;
  message: Localized;
}

/** An account posts are published to: a vault connection and, for Meta, the Page or Instagram account behind it. */
export interface PublishAccountView {
  id: string;
  platform: PublishPlatform;
  /** The vault connection whose token publishes. */
  connectionId: string;
  /** The Page id, Instagram user id, LINE channel… the platform posts as (null when it is the connection's own account). */
  targetId: string | null;
  displayName: string;
  clientId: string | null;
  clientName: string | null;
  /** IANA zone the calendar shows this account's times in (Asia/Taipei by default). */
  timeZone: string;
  missedPolicy: MissedPolicy;
  /** Whether the connection can publish now (active in the vault) and, if not, why. */
  usable: boolean;
  problem: ErrorInfo | null;
  /** TikTok without an audited app posts privately only; said in the UI. */
  privateOnly: boolean;
}

export interface PublishAttemptView {
  n: number;
  startedAt: number;
  endedAt: number | null;
  outcome: 'published' | FailureClass | 'running' | 'interrupted';
  error: ErrorInfo | null;
}

export interface OutboxPostView {
  id: string;
  accountId: string;
  platform: PublishPlatform;
  state: OutboxState;
  payload: PostPayload;
  /** Unix ms; null for a draft or "publish now". */
  scheduledAt: number | null;
  missedPolicy: MissedPolicy;
  /** Set when a post came due while the studio was off and its policy said not to publish late. */
  missed: boolean;
  platformPostId: string | null;
  url: string | null;
  publishedAt: number | null;
  /** The last failure, with what to do; null unless failed. */
  failure: { class: FailureClass; error: ErrorInfo } | null;
  attempts: PublishAttemptView[];
  jobId: string | null;
  /** Groups the rows one composer draft made (one per account). */
  groupId: string | null;
  createdAt: number;
  updatedAt: number;
}
