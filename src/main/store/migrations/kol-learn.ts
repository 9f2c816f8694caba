import type { Migration } from './migration.js';

/** Engagement read back from the platforms and its schedule (issue 14, seed 003 SelfLearningService). */
export const kolLearnMigrations: Migration[] = [
  {
    version: 10,
    name: 'KOL engagement reads and their history',
    sql: `
      -- One row per published post: when its numbers are read next (null: no more reads), and how the last read went.
      CREATE TABLE kol_metric_fetches (
        post_id TEXT PRIMARY KEY REFERENCES kol_posts (id) ON DELETE CASCADE,
        -- 'scheduled' reads on its own; 'manual' is a platform without an insights API (entered by hand or CSV);
        -- 'reconnect' waits for the account's token (tried again later, the schedule kept); 'done' after the last read or a post gone.
        state TEXT NOT NULL CHECK (state IN ('scheduled', 'manual', 'reconnect', 'done')),
        next_fetch_at INTEGER,
        -- Failed reads since the last good one (a retry backs off by it).
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        -- The read in flight (a kol.metrics job), so a post is never read twice at once.
        job_id TEXT,
        last_fetch_at INTEGER,
        -- What went wrong last: the failure class and the ErrorInfo as JSON (never a token).
        last_failure TEXT CHECK (last_failure IN ('retry', 'refresh-token', 'bad-post', 'disconnected')),
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- The scheduler's read: what is due, oldest first.
      CREATE INDEX kol_metric_fetches_due ON kol_metric_fetches (next_fetch_at) WHERE next_fetch_at IS NOT NULL AND job_id IS NULL;
      CREATE INDEX kol_metric_fetches_job ON kol_metric_fetches (job_id) WHERE job_id IS NOT NULL;
      -- Every reading of a post's numbers (platform, manual or CSV): how engagement grew.
      CREATE TABLE kol_metric_history (
        post_id TEXT NOT NULL REFERENCES kol_posts (id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('platform', 'manual', 'csv')),
        views INTEGER,
        likes INTEGER NOT NULL,
        comments INTEGER NOT NULL,
        shares INTEGER NOT NULL,
        saves INTEGER NOT NULL
      );
      CREATE INDEX kol_metric_history_post ON kol_metric_history (post_id, at);
      -- Learning reads published posts by when they went out.
      CREATE INDEX kol_posts_published ON kol_posts (published_at) WHERE status = 'published';
    `,
  },
];
