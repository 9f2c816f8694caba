import { z } from 'zod';
import type { CallSpec } from './contract.js';
import type { Localized } from '../messages.js';
import type { Billing } from '../pricing.js';
import { batchRequestSchema, type BatchView } from '../kol/batch.js';

/** Batches of KOL posts written across personas (issue 14); spread into the contract. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const id = z.string().min(1).max(100);
const byId = z.object({ id }).strict();

export const BATCH_ITEM_STATES = ['waiting', 'running', 'succeeded', 'failed', 'canceled'] as const;
export type BatchItemState = (typeof BATCH_ITEM_STATES)[number];

export interface BatchItemView {
  index: number;
  personaId: string;
  personaNickname: string;
  topic: string;
  state: BatchItemState;
  /** Attempts of its job when it ended (up to 3). */
  attempts: number;
  jobId: string | null;
  postId: string | null;
  postTitle: string | null;
  error: Localized | null;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface BatchDetail {
  batch: BatchView;
  items: BatchItemView[];
}

/** What a batch would cost before it starts: per provider the personas' items use, as each is billed. */
export interface BatchEstimate {
  lines: { provider: string; items: number; credits: number; billing: Billing }[];
  total: number;
  /** Items that would run at once (the request's, lowered to what the job queue runs at once). */
  concurrency: number;
}

export const kolBatchCalls = {
  'kol.batch.start': call<BatchView>()(batchRequestSchema),
  'kol.batch.list': call<BatchView[]>()(z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict()),
  'kol.batch.get': call<BatchDetail>()(byId),
  'kol.batch.pause': call<BatchView>()(byId),
  'kol.batch.resume': call<BatchView>()(byId),
  'kol.batch.cancel': call<BatchView>()(byId),
  'kol.batch.estimate': call<BatchEstimate>()(batchRequestSchema),
};
