import { z } from 'zod';
import type { CallSpec } from './contract.js';
import type { LearningReport, Suggestion } from '../kol/learning/index.js';
import { metricsEntrySchema } from '../kol/metrics.js';
import type { KolPostView } from '../kol/post-record.js';
import type { ErrorInfo } from '../errors.js';
import type { Localized } from '../messages.js';
import type { FailureClass } from '../publish/post.js';

/** Engagement and learning (issue 14, seed 003 SelfLearningService); spread into the contract. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const id = z.string().min(1).max(100);
/** The most a metrics CSV may be (main reads a file of at most as many bytes). */
export const METRICS_CSV_MAX_CHARS = 10_000_000;

/** A persona as the Learning page lists it, with its "use in prompts" switch. */
export interface LearnPersona {
  id: string;
  nickname: string;
  clientId: string | null;
  learningEnabled: boolean;
}

export type LearnReportView = LearningReport & { personas: LearnPersona[] };

export interface PromptLine {
  text: string;
  why: Localized;
}

export interface LearnSuggestions {
  periodDays: number;
  posts: number;
  enough: boolean;
  reason: Localized | null;
  suggestions: Suggestion[];
  /** For one persona: the lines its prompts get (when its learning is switched on), each with why; null without a persona. */
  promptLines: PromptLine[] | null;
  learningEnabled: boolean | null;
}

export interface MetricsReading {
  at: number;
  source: 'platform' | 'manual' | 'csv';
  /** Null when the platform gave no views. */
  views: number | null;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
}

export interface MetricsStatus {
  postId: string;
  /** `scheduled` reads on its own; `manual` waits for a person (no insights API); `reconnect` waits for the account; `done` after the last read. */
  state: 'scheduled' | 'manual' | 'reconnect' | 'done';
  nextFetchAt: number | null;
  lastFetchAt: number | null;
  attempts: number;
  lastFailure: FailureClass | null;
  lastError: ErrorInfo | null;
  history: MetricsReading[];
}

export interface MetricsCsvRow {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  postId: string | null;
  problems: { field: string; message: Localized }[];
}

export interface MetricsCsvResult {
  dryRun: boolean;
  rows: MetricsCsvRow[];
  /** Posts whose numbers were written (0 on a dry run, and 0 when any line has a problem: all or nothing). */
  imported: number;
}

export const learnScopeSchema = z
  .object({
    period: z.union([z.literal(7), z.literal(30), z.literal(90)]).default(30),
    personaId: id.optional(),
    clientId: id.optional(),
  })
  .strict();

export const kolLearnCalls = {
  /** The top 20 % of the period's published posts and what they share against the rest. */
  'kol.learn.report': call<LearnReportView>()(learnScopeSchema),
  'kol.learn.suggestions': call<LearnSuggestions>()(learnScopeSchema),
  /** Numbers entered by hand for a published post (any platform). */
  'kol.metrics.enter': call<KolPostView>()(z.object({ postId: id, metrics: metricsEntrySchema }).strict()),
  /**
   * A CSV of `post,views,likes,comments,shares,saves` (docs/kol-learning.md): every line checked, then all or none written.
   * Its text (the Learning page reads the file the user picked) or a path on this computer (scripts).
   */
  'kol.metrics.importCsv': call<MetricsCsvResult>()(
    z
      .union([
        z.object({ csv: z.string().min(1).max(METRICS_CSV_MAX_CHARS), dryRun: z.boolean().default(true) }).strict(),
        z.object({ path: z.string().min(1).max(4096), dryRun: z.boolean().default(true) }).strict(),
      ]),
  ),
  /** A published post's read schedule (next read, last failure and what to do) and every reading so far; null before it is published. */
  'kol.metrics.status': call<MetricsStatus | null>()(z.object({ postId: id }).strict()),
  /** Reads a post's numbers from its platform now (Instagram, Facebook, Threads, YouTube). */
  'kol.metrics.fetchNow': call<{ jobId: string }>()(z.object({ postId: id }).strict()),
} as const;

export type KolLearnCallName = keyof typeof kolLearnCalls;
