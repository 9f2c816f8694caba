import type { BatchRequest, BatchView } from '../../shared/kol/batch.js';
import type { GenerationParams, KolPostView } from '../../shared/kol/post-record.js';

/**
 * The seams between the KOL workspace's parts in main (issue 14): batches
 * hand written posts to the post records, schedules start batches. Types
 * here so the parts import this file, never each other in a circle.
 */
export interface GeneratedDraft {
  personaId: string;
  topic: string;
  title: string;
  content: string;
  contentMd: string;
  tags: string[];
  generation: GenerationParams;
  triggerId: string | null;
  triggerItem: string | null;
  batchId: string | null;
  batchItem: number | null;
}

/** Saves a written post as a record pending review (scored; approved at once only when the persona auto-approves). Idempotent on (batchId, batchItem). */
export interface DraftSink {
  saveGenerated(draft: GeneratedDraft): KolPostView;
}

/** Starts a batch of posts to write (a schedule firing, the CLI, the UI). */
export interface BatchStarter {
  start(request: BatchRequest): Promise<BatchView>;
}
