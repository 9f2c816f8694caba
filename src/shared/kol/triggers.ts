import { z } from 'zod';
import type { Localized } from '../messages.js';

/**
 * Triggers and schedules of the KOL workspace (issue 14, seed 003 `schedules`
 * and its trigger types, made general for any industry): what fires a
 * schedule, which personas write, how many posts, and when they go out.
 */

/** `1` lets a feed or JSON URL on a private or loopback address through the SSRF guard (tests, intranets). */
export const TRIGGERS_ALLOW_PRIVATE_ENV = 'KINGJAM_TRIGGERS_ALLOW_PRIVATE';

/** Every fetch a trigger makes gives up after this long. */
export const TRIGGER_FETCH_TIMEOUT_MS = 10_000;
/** The largest RSS/Atom feed read (a larger one is an error that names the feed). */
export const FEED_MAX_BYTES = 5 * 1024 * 1024;
/** The largest JSON answer a threshold reads. */
export const JSON_MAX_BYTES = 1024 * 1024;

/** Webhook: the signature header (`sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<raw body>`), the timestamp header (Unix seconds), and the replay window. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-KingJam-Signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'X-KingJam-Timestamp';
export const WEBHOOK_WINDOW_MS = 5 * 60_000;
export const WEBHOOK_MAX_BYTES = 64 * 1024;
export const webhookPath = (scheduleId: string): string => `/hooks/kol/${scheduleId}`;

const feedUrl = z.url({ protocol: /^https?$/ }).max(2000);
const words = z.array(z.string().trim().min(1).max(100)).max(50);
const pollMinutes = z.number().int().min(1).max(24 * 60);
const topic = z.string().trim().min(2).max(300);

export const timeTriggerSchema = z
  .object({
    type: z.literal('time'),
    /** Five fields (minute hour day month weekday), or six with seconds first; checked by croner in main. */
    cron: z.string().trim().min(9).max(120),
    timeZone: z.string().min(1).max(64).default('Asia/Taipei'),
    /** What each run's posts are about. */
    topic,
  })
  .strict();

export const newsTriggerSchema = z
  .object({
    type: z.literal('news'),
    feeds: z.array(feedUrl).min(1).max(20),
    /** An item fires when its title or summary holds any of these (none: every item). */
    keywords: words.default([]),
    /** …and none of these. */
    excludes: words.default([]),
    pollMinutes: pollMinutes.default(15),
    /** New items taken per run, newest first; the rest wait for the next poll. */
    maxItemsPerRun: z.number().int().min(1).max(20).default(3),
  })
  .strict();

/** A keyword watch: the news trigger with keywords required, across several feeds. */
export const keywordTriggerSchema = newsTriggerSchema.extend({ type: z.literal('keyword'), keywords: words.min(1) }).strict();

export const THRESHOLD_CONDITIONS = ['above', 'below', 'crossesAbove', 'crossesBelow', 'spike'] as const;
export const conditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('above'), value: z.number() }).strict(),
  z.object({ kind: z.literal('below'), value: z.number() }).strict(),
  z.object({ kind: z.literal('crossesAbove'), value: z.number() }).strict(),
  z.object({ kind: z.literal('crossesBelow'), value: z.number() }).strict(),
  /** value > factor × the average of the last `samples` samples (the seed's "volume > 2× its 20-day average"). */
  z
    .object({
      kind: z.literal('spike'),
      factor: z.number().positive().max(1000),
      samples: z.number().int().min(1).max(365),
      /** `day`: one sample per day (the day's last value, in the trigger's time zone); `poll`: one per poll. */
      sampleBy: z.enum(['day', 'poll']).default('day'),
    })
    .strict(),
]);
export type ThresholdCondition = z.output<typeof conditionSchema>;

export const thresholdTriggerSchema = z
  .object({
    type: z.literal('threshold'),
    url: feedUrl,
    /** `$.a.b[0].c` or `$.items[*].x` (src/shared/kol/json-path.ts); a numeric string counts as a number. */
    path: z.string().trim().min(1).max(300),
    condition: conditionSchema,
    timeZone: z.string().min(1).max(64).default('Asia/Taipei'),
    pollMinutes: pollMinutes.default(5),
    topic,
  })
  .strict();

export const customTriggerSchema = z
  .object({
    type: z.literal('custom'),
    /** The topic when the event's body names none. */
    topic,
  })
  .strict();

export const triggerSchema = z.discriminatedUnion('type', [timeTriggerSchema, newsTriggerSchema, keywordTriggerSchema, thresholdTriggerSchema, customTriggerSchema]);
export type TriggerConfig = z.output<typeof triggerSchema>;
export type TriggerInput = z.input<typeof triggerSchema>;
export type TriggerType = TriggerConfig['type'];
export const TRIGGER_TYPES = ['time', 'news', 'keyword', 'threshold', 'custom'] as const satisfies readonly TriggerType[];
export type FeedTrigger = Extract<TriggerConfig, { type: 'news' | 'keyword' }>;

/** Which personas write: in turn (remembered across runs), at random (seeded by the run), or by how well their expertise areas match the item. */
export const ALLOCATIONS = ['round-robin', 'random', 'expertise'] as const;
export type Allocation = (typeof ALLOCATIONS)[number];

export const SCHEDULE_STATUSES = ['active', 'paused'] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

const scheduleFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000),
  trigger: triggerSchema,
  allocation: z.enum(ALLOCATIONS),
  personaIds: z.array(z.string().min(1).max(100)).min(1).max(100),
  /** Posts written for each item a run takes (a time, threshold or webhook run has one item); each by a different persona. */
  postsPerRun: z.number().int().min(1).max(50),
  /** When approved posts go out: the next HH:MM in the zone after the run, or null (the reviewer chooses). */
  postTime: z.object({ at: clock, timeZone: z.string().min(1).max(64).default('Asia/Taipei') }).strict().nullable(),
  status: z.enum(SCHEDULE_STATUSES),
};

export const scheduleInputSchema = z
  .object({
    ...scheduleFields,
    description: scheduleFields.description.default(''),
    allocation: scheduleFields.allocation.default('round-robin'),
    postsPerRun: scheduleFields.postsPerRun.default(1),
    postTime: scheduleFields.postTime.default(null),
    status: scheduleFields.status.default('active'),
  })
  .strict();

/** An edit: only the fields given change (no defaults, which would quietly reset the others). */
export const schedulePatchSchema = z.object(scheduleFields).partial().strict();
export type SchedulePatch = z.input<typeof schedulePatchSchema>;
export type ScheduleInput = z.input<typeof scheduleInputSchema>;
export type ScheduleSettings = z.output<typeof scheduleInputSchema>;

export interface KolScheduleView extends ScheduleSettings {
  id: string;
  createdAt: number;
  updatedAt: number;
  lastExecutedAt: number | null;
  /** When the trigger is next checked (cron time or next poll); null for a webhook or a paused schedule. */
  nextExecutionAt: number | null;
  lastCheckedAt: number | null;
  executionCount: number;
  successCount: number;
  errorCount: number;
  lastError: Localized | null;
  /** For a custom trigger: the bridge path events are posted to. */
  webhookPath: string | null;
}

export const RUN_OUTCOMES = ['starting', 'started', 'failed'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

export interface KolTriggerRunView {
  id: string;
  scheduleId: string;
  at: number;
  outcome: RunOutcome;
  /** The items the run took (a feed item's guid, a cron time, an event id). */
  items: string[];
  batchId: string | null;
  error: Localized | null;
}

/** Shown once: when a webhook schedule is created or its secret rotated. */
export interface WebhookSecret {
  path: string;
  secret: string;
}

export interface ScheduleSaved {
  schedule: KolScheduleView;
  webhook: WebhookSecret | null;
}

/** A feed item as a trigger sees it. */
export interface FeedItemView {
  /** guid (RSS), id (Atom), else the link: what makes it "used once". */
  key: string;
  title: string;
  link: string | null;
  summary: string;
  publishedAt: number | null;
  feed: string;
  /** Whether the keyword and exclude filters let it through. */
  matches: boolean;
  /** Whether this schedule has already used it. */
  used: boolean;
}

export type TriggerPreview =
  | { type: 'time'; nextRuns: number[] }
  | { type: 'news' | 'keyword'; items: FeedItemView[]; errors: Localized[] }
  | { type: 'threshold'; values: number[]; value: number | null; average: number | null; samples: number; wouldFire: boolean }
  | { type: 'custom'; path: string | null };

export interface RunResult {
  fired: boolean;
  run: KolTriggerRunView | null;
  /** Why nothing fired (no new item, condition not met) or what went wrong. */
  reason: Localized | null;
}
