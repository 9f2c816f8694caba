import { randomUUID } from 'node:crypto';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { KolPostState, KolPostView } from '../../shared/kol/post-record.js';
import { REVIEW_UNDO_MS, type KolPostFilter, type Reviewer, type ReviewResult } from '../../shared/api/kol-contract.js';
import type { EventBus } from '../events.js';
import { emitPost, postNotFound } from './posts.js';
import type { KolQueue } from './queue.js';
import { ReviewUndos, type Move, type ReviewAction } from './review-undos.js';
import type { KolPostRow, KolStore, TransitionPatch } from './store.js';

/** The note on the history row an undo writes. */
export const UNDO_NOTE = 'undo';

/**
 * Review (issue 14): approve (many at once), reject and request changes
 * (with notes), approve the low-risk pending posts a filter selects, and undo
 * any of these within REVIEW_UNDO_MS. Undo records live in the studio's
 * database (ReviewUndos), so an undo survives a restart of the app or the
 * bridge and works from any window; each token restores at most once.
 */
export class ReviewService {
  private readonly undos: ReviewUndos;

  constructor(
    private readonly kol: KolStore,
    private readonly queue: KolQueue,
    private readonly events: EventBus,
    private readonly now: () => number,
    readonly reviewer: () => Reviewer,
  ) {
    this.undos = new ReviewUndos(kol.store.sqlite);
    this.undos.sweep(now());
  }

  /** Approves every post in `ids`, or none of them (a post another reviewer moved meanwhile refuses the whole action, by name). */
  approve(ids: string[], notes: string | null, action: ReviewAction = 'approve'): ReviewResult {
    const who = this.reviewer().name;
    const now = this.now();
    return this.act(action, [...new Set(ids)], 'approved', who, now, notes, { approvedBy: who, approvedAt: now, reviewerNotes: notes });
  }

  reject(id: string, notes: string): ReviewResult {
    return this.act('reject', [id], 'rejected', this.reviewer().name, this.now(), notes, { reviewerNotes: notes });
  }

  requestChanges(id: string, notes: string): ReviewResult {
    return this.act('request_changes', [id], 'needs_changes', this.reviewer().name, this.now(), notes, { reviewerNotes: notes });
  }

  /** Every pending post the filter selects whose risk is low, up to `limit`, approved as one undoable action. */
  approveLowRisk(filter: KolPostFilter, limit: number): ReviewResult {
    const { ids } = this.queue.page({ ...filter, statuses: ['pending_review'], risk: ['low'] }, null, limit);
    if (ids.length === 0) return { posts: [], undo: null };
    return this.approve(ids, null, 'approve_low_risk');
  }

  /**
   * Puts every post of the action back where it was, with an "undo" history
   * row; refused whole when the token expired, was used already, or anything
   * moved a post since. The claim and the restore are one IMMEDIATE
   * transaction: another process's undo of the same token waits for it and
   * then finds the token used.
   */
  undo(token: string): { posts: KolPostView[] } {
    const now = this.now();
    const who = this.reviewer().name;
    const rows = this.kol.store.sqlite
      .transaction(() => {
        this.undos.sweep(now);
        const claim = this.undos.claim(token, now);
        if ('refused' in claim) throw refusal(claim.refused);
        const moved = claim.moves.filter((m) => {
          const row = this.kol.post(m.id);
          return !row || row.status !== m.to || this.kol.lastSeq(m.id) !== m.seq;
        });
        if (moved.length > 0) {
          // Thrown inside the transaction: the claim rolls back with it, so the token stays unused.
          throw new StudioError({
            code: 'CONFLICT',
            message: `${moved.length} post(s) changed after this action (${moved.map((m) => m.id).join(', ')}); nothing was undone.`,
            ...say('kol.core.undoMoved', { count: moved.length }),
          });
        }
        return claim.moves.map((m) => this.kol.transition(m.id, m.to, m.from, who, now, UNDO_NOTE, m.before));
      })
      .immediate();
    return { posts: rows.map((r) => emitPost(this.events, r)) };
  }

  private act(action: ReviewAction, ids: string[], to: KolPostState, who: string, now: number, notes: string | null, patch: TransitionPatch): ReviewResult {
    const token = randomUUID();
    const expiresAt = now + REVIEW_UNDO_MS;
    // The moves and their undo record commit together: an action is never left without its undo, nor an undo without its action.
    const done = this.kol.store.transaction(() => {
      const moved = ids.map((id) => {
        const before = this.kol.post(id);
        if (!before) throw postNotFound();
        // The state machine decides (KolStore.transition refuses an illegal move, and one another reviewer made first).
        const row = this.kol.transition(id, before.status, to, who, now, notes, patch);
        return { row, move: moveOf(before, row, this.kol.lastSeq(id)) };
      });
      this.undos.sweep(now);
      this.undos.record(token, action, moved.map((d) => d.move), now, expiresAt);
      return moved;
    });
    return { posts: done.map((d) => emitPost(this.events, d.row)), undo: { token, expiresAt } };
  }
}

function refusal(reason: 'expired' | 'used'): StudioError {
  if (reason === 'used') {
    return new StudioError({ code: 'CONFLICT', message: 'This review action was already undone.', ...say('kol.core.undoUsed') });
  }
  return new StudioError({ code: 'CONFLICT', message: `Review actions can be undone for ${REVIEW_UNDO_MS / 1000} seconds; this one can no longer be.`, ...say('kol.core.undoExpired', { seconds: REVIEW_UNDO_MS / 1000 }) });
}

function moveOf(before: KolPostRow, after: KolPostRow, seq: number): Move {
  return {
    id: before.id,
    from: before.status,
    to: after.status,
    seq,
    before: { reviewerNotes: before.reviewer_notes, approvedBy: before.approved_by, approvedAt: before.approved_at },
  };
}
