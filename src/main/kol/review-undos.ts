import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { KOL_POST_STATES } from '../../shared/kol/post-record.js';

/** Which review action an undo record stands for (the row's `action`). */
export type ReviewAction = 'approve' | 'approve_low_risk' | 'reject' | 'request_changes';

const state = z.enum(KOL_POST_STATES);

/** One post a review action moved: where from, the history row it wrote, and the review fields it overwrote. */
const moveSchema = z.object({
  id: z.string(),
  from: state,
  to: state,
  seq: z.number().int(),
  before: z.object({ reviewerNotes: z.string().nullable(), approvedBy: z.string().nullable(), approvedAt: z.number().nullable() }),
});
export type Move = z.infer<typeof moveSchema>;
const movesSchema = z.array(moveSchema);

/** Why a token could not be claimed: past its window (or never issued, or swept), or already used by another undo. */
export type ClaimRefusal = 'expired' | 'used';

/**
 * Undo records of review actions in `kol_review_undos` (migration 19). A
 * claim is one guarded UPDATE (`consumed = 0 AND expires_at > now`), so of
 * two undo calls for one token, from one process or two, exactly one gets
 * the moves; the caller runs it inside the transaction that restores the
 * posts, so a refused restore leaves the token unused.
 */
export class ReviewUndos {
  private readonly insert: BetterSqlite3.Statement;
  private readonly take: BetterSqlite3.Statement;
  private readonly find: BetterSqlite3.Statement;
  private readonly sweepStmt: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.insert = sqlite.prepare('INSERT INTO kol_review_undos (token, action, moves, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
    this.take = sqlite.prepare('UPDATE kol_review_undos SET consumed = 1 WHERE token = ? AND consumed = 0 AND expires_at > ? RETURNING moves');
    this.find = sqlite.prepare('SELECT consumed, expires_at FROM kol_review_undos WHERE token = ?');
    this.sweepStmt = sqlite.prepare('DELETE FROM kol_review_undos WHERE expires_at <= ?');
  }

  record(token: string, action: ReviewAction, moves: Move[], now: number, expiresAt: number): void {
    this.insert.run(token, action, JSON.stringify(moves), now, expiresAt);
  }

  /** The token's moves, marking it used; or why it cannot be used. */
  claim(token: string, now: number): { moves: Move[] } | { refused: ClaimRefusal } {
    const row = this.take.get(token, now) as { moves: string } | undefined;
    if (row) return { moves: movesSchema.parse(JSON.parse(row.moves)) };
    const seen = this.find.get(token) as { consumed: number; expires_at: number } | undefined;
    return { refused: seen && seen.consumed === 1 && seen.expires_at > now ? 'used' : 'expired' };
  }

  /** Deletes every record whose window has passed (used or not): nothing can claim them any more. */
  sweep(now: number): number {
    return this.sweepStmt.run(now).changes;
  }
}
