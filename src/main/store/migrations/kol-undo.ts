import type { Migration } from './migration.js';

/**
 * The KOL review page's undo records (issue 14, "every action undoable for
 * 10 seconds"); version 19. Kept in the database, not in one process's
 * memory, so an undo still works after the bridge or app restarts and from
 * any window or process that shares the studio's data folder.
 */
export const kolUndoMigrations: Migration[] = [
  {
    version: 19,
    name: 'KOL review undo records',
    sql: `
      CREATE TABLE kol_review_undos (
        token TEXT PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('approve', 'approve_low_risk', 'reject', 'request_changes')),
        -- What the action moved and how to put it back: [{ "id", "from", "to", "seq", "before": { "reviewerNotes", "approvedBy", "approvedAt" } }].
        moves TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        -- Set by the one undo that used the token (a guarded UPDATE, so two undo calls never both restore).
        consumed INTEGER NOT NULL DEFAULT 0 CHECK (consumed IN (0, 1)),
        CHECK (expires_at > created_at)
      );
      CREATE INDEX kol_review_undos_expires ON kol_review_undos (expires_at);
    `,
  },
];
