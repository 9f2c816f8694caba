import type { Localized } from '../messages.js';
import type { PublishPlatform } from '../publish/platforms.js';
import type { DraftScores } from './scores.js';

/**
 * A KOL post record (seed 003 `post_records`) and its review state machine.
 * Every change of state is one row of history (who, when, a note); a state
 * not listed as a successor is refused.
 */
export const KOL_POST_STATES = ['draft', 'pending_review', 'approved', 'scheduled', 'published', 'failed', 'rejected', 'needs_changes'] as const;
export type KolPostState = (typeof KOL_POST_STATES)[number];

/**
 * The legal moves. Going back to `pending_review` from approved, rejected or
 * needs_changes is how a review is undone (within the undo window) or a
 * revised draft is resubmitted; `scheduled → approved` takes a post off the
 * calendar; `failed → scheduled` tries again.
 */
export const KOL_TRANSITIONS: Readonly<Record<KolPostState, readonly KolPostState[]>> = {
  draft: ['pending_review'],
  pending_review: ['approved', 'rejected', 'needs_changes', 'draft'],
  needs_changes: ['pending_review', 'draft'],
  rejected: ['pending_review'],
  approved: ['scheduled', 'pending_review'],
  scheduled: ['published', 'failed', 'approved'],
  failed: ['scheduled', 'approved'],
  published: [],
};

export function canTransition(from: KolPostState, to: KolPostState): boolean {
  return KOL_TRANSITIONS[from].includes(to);
}

/** Who moved a post: a reviewer (their name), the persona's auto-approve, a schedule, or the outbox reporting back. */
export type KolActor = string;
export const SYSTEM_ACTORS = { autoApprove: 'system:auto-approve', outbox: 'system:outbox', batch: 'system:batch', trigger: 'system:trigger' } as const;

export interface KolPostTransition {
  seq: number;
  from: KolPostState | null;
  to: KolPostState;
  actor: KolActor;
  at: number;
  note: string | null;
}

export interface EngagementMetrics {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  /** When the numbers were read (platform insights, manual or CSV entry); null before any. */
  fetchedAt: number | null;
  source: 'platform' | 'manual' | 'csv' | null;
}

/** What made the post: model settings, the prompt's learned additions, the batch item. */
export interface GenerationParams {
  provider: string;
  model: string | null;
  temperature: number;
  /** Lines added to the prompt from learning, each with why (shown to the reviewer). */
  learned: { text: string; why: Localized }[];
  batchId: string | null;
  itemIndex: number | null;
}

export interface KolPostView {
  id: string;
  personaId: string;
  personaNickname: string;
  clientId: string | null;
  topic: string;
  title: string;
  /** Plain text as it will be posted. */
  content: string;
  contentMd: string;
  tags: string[];
  status: KolPostState;
  reviewerNotes: string | null;
  approvedBy: string | null;
  approvedAt: number | null;
  /** The account it goes to and the outbox post that carries it once scheduled. */
  accountId: string | null;
  platform: PublishPlatform | null;
  outboxPostId: string | null;
  scheduledAt: number | null;
  publishedAt: number | null;
  platformPostId: string | null;
  url: string | null;
  publishError: Localized | null;
  metrics: EngagementMetrics;
  scores: DraftScores | null;
  generation: GenerationParams | null;
  /** The schedule and the feed item or event that caused it; null for a post written by hand. */
  triggerId: string | null;
  triggerItem: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The seed's engagement score: likes × 1 + comments × 1.5 + shares × 2 + saves × 2. */
export function engagementScore(m: Pick<EngagementMetrics, 'likes' | 'comments' | 'shares' | 'saves'>): number {
  return m.likes + m.comments * 1.5 + m.shares * 2 + m.saves * 2;
}
