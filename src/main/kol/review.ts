import { randomUUID } from 'node:crypto';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { KolPostState, KolPostView } from '../../shared/kol/post-record.js';
import { REVIEW_UNDO_MS, type KolPostFilter, type Reviewer, type ReviewResult } from '../../shared/api/kol-contract.js';
import type { EventBus } from '../events.js';
import { emitPost, postNotFound } from './posts.js';
import type { KolQueue } from './queue.js';
import type { KolPostRow, KolStore, TransitionPatch } from './store.js';

/** One post a review action moved: where from, the history row it wrote, and the review fields it overwrote. */
interface Move {
  id: string;
  from: KolPostState;
  to: KolPostState;
  seq: number;
  before: Pick<TransitionPatch, 'reviewerNotes' | 'approvedBy' | 'approvedAt'>;
}

/** The note on the history row an undo writes. */
export const UNDO_NOTE = 'undo';

/**
 * Review (issue 14): approve (many at once), reject and request changes
 * (with notes), approve the low-risk pending posts a filter selects, and undo
 * any of these within REVIEW_UNDO_MS. Undo tokens live in this process's
 * memory: a restart forgets them, as it would after 10 seconds anyway.
 */
export class ReviewService {
  private readonly undos = new Map<string, { expiresAt: number; moves: Move[] }>();

  constructor(
    private readonly kol: KolStore,
    private readonly queue: KolQueue,
    private readonly events: EventBus,
    private readonly now: () => number,
    readonly reviewer: () => Reviewer,
  ) {}

  /** Approves every post in `ids`, or none of them (a post another reviewer moved meanwhile refuses the whole action, by name). */
  approve(ids: string[], notes: string | null): ReviewResult {
    const who = this.reviewer().name;
    const now = this.now();
    return this.act([...new Set(ids)], 'approved', who, now, notes, { approvedBy: who, approvedAt: now, reviewerNotes: notes });
  }

  reject(id: string, notes: string): ReviewResult {
    return this.act([id], 'rejected', this.reviewer().name, this.now(), notes, { reviewerNotes: notes });
  }

  requestChanges(id: string, notes: string): ReviewResult {
    return this.act([id], 'needs_changes', this.reviewer().name, this.now(), notes, { reviewerNotes: notes });
  }

  /** Every pending post the filter selects whose risk is low, up to `limit`, approved as one undoable action. */
  approveLowRisk(filter: KolPostFilter, limit: number): ReviewResult {
    const { ids } = this.queue.page({ ...filter, statuses: ['pending_review'], risk: ['low'] }, null, limit);
    if (ids.length === 0) return { posts: [], undo: null };
    return this.approve(ids, null);
  }

  /** Puts every post of the action back where it was, with an "undo" history row; refused whole when the token expired or anything moved a post since. */
  undo(token: string): { posts: KolPostView[] } {
    const now = this.now();
    this.forgetExpired(now);
    const action = this.undos.get(token);
    if (!action) {
      throw new StudioError({ code: 'CONFLICT', message: `Review actions can be undone for ${REVIEW_UNDO_MS / 1000} seconds; this one can no longer be.`, ...say('kol.core.undoExpired', { seconds: REVIEW_UNDO_MS / 1000 }) });
    }
    const who = this.reviewer().name;
    const rows = this.kol.store.transaction(() => {
      const moved = action.moves.filter((m) => {
        const row = this.kol.post(m.id);
        return !row || row.status !== m.to || this.kol.lastSeq(m.id) !== m.seq;
      });
      if (moved.length > 0) {
        throw new StudioError({
          code: 'CONFLICT',
          message: `${moved.length} post(s) changed after this action (${moved.map((m) => m.id).join(', ')}); nothing was undone.`,
          ...say('kol.core.undoMoved', { count: moved.length }),
        });
      }
      return action.moves.map((m) => this.kol.transition(m.id, m.to, m.from, who, now, UNDO_NOTE, m.before));
    });
    this.undos.delete(token);
    return { posts: rows.map((r) => emitPost(this.events, r)) };
  }

  private act(ids: string[], to: KolPostState, who: string, now: number, notes: string | null, patch: TransitionPatch): ReviewResult {
    const done = this.kol.store.transaction(() =>
      ids.map((id) => {
        const before = this.kol.post(id);
        if (!before) throw postNotFound();
        // The state machine decides (KolStore.transition refuses an illegal move, and one another reviewer made first).
        const row = this.kol.transition(id, before.status, to, who, now, notes, patch);
        return { row, move: moveOf(before, row, this.kol.lastSeq(id)) };
      }),
    );
    const token = randomUUID();
    const expiresAt = now + REVIEW_UNDO_MS;
    this.forgetExpired(now);
    this.undos.set(token, { expiresAt, moves: done.map((d) => d.move) });
    return { posts: done.map((d) => emitPost(this.events, d.row)), undo: { token, expiresAt } };
  }

  private forgetExpired(now: number): void {
    for (const [token, action] of this.undos) if (action.expiresAt <= now) this.undos.delete(token);
  }
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
