import { z } from 'zod';
import type { Localized } from '../messages.js';

/**
 * A batch of posts to write across personas (seed 003 ParallelBatchGenerator),
 * as a schedule, the CLI or the UI asks for it. Each item is one persona and
 * one topic; credits are held per item.
 */
export const batchItemRequestSchema = z
  .object({
    personaId: z.string().min(1).max(100),
    topic: z.string().trim().min(2).max(300),
    /** Facts the post should use (a news item's title, summary and link; a quote's numbers). */
    context: z.string().max(4000).default(''),
    triggerId: z.string().min(1).max(100).nullable().default(null),
    /** The feed item's guid or the event's id, so one item is never written twice. */
    triggerItem: z.string().min(1).max(500).nullable().default(null),
  })
  .strict();
export type BatchItemRequest = z.output<typeof batchItemRequestSchema>;

export const BATCH_STATES = ['running', 'paused', 'canceled', 'finished'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export const batchRequestSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    items: z.array(batchItemRequestSchema).min(1).max(5000),
    /** Items written at once (default 2, the seed's; lowered further by the provider's own limit). */
    concurrency: z.number().int().min(1).max(16).default(2),
    /** When the approved posts should go out (null: the reviewer chooses). */
    postAt: z.number().int().min(0).nullable().default(null),
  })
  .strict();
export type BatchRequest = z.input<typeof batchRequestSchema>;

export interface BatchTotals {
  items: number;
  succeeded: number;
  failed: number;
  /** Items not yet finished (waiting or running). */
  remaining: number;
  /** 0–100, finished (succeeded + failed) over items. */
  percent: number;
}

export interface BatchView {
  id: string;
  title: string;
  state: BatchState;
  concurrency: number;
  totals: BatchTotals;
  creditsHeld: number;
  creditsSpent: number;
  createdAt: number;
  finishedAt: number | null;
}

/**
 * The seed's event sequence, pushed to every UI and printed by `kingjam kol
 * batch`: batch start, each item as it finishes (its post or its error),
 * running totals with the percentage, and batch end.
 */
export type BatchEvent =
  | { type: 'batch.start'; batch: BatchView }
  | { type: 'item.done'; batchId: string; index: number; personaId: string; postId: string; totals: BatchTotals }
  | { type: 'item.failed'; batchId: string; index: number; personaId: string; error: Localized; attempts: number; totals: BatchTotals }
  | { type: 'batch.state'; batch: BatchView }
  | { type: 'batch.end'; batch: BatchView };
