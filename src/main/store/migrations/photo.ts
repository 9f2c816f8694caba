import type { Migration } from './migration.js';

/** The photo studio (issue 15): uploads with their 24-hour originals, runs of the four tools, the free tier's daily count. */
export const photoMigrations: Migration[] = [
  {
    version: 11,
    name: 'photo studio uploads, runs and free variants',
    sql: `
      -- A photo the user uploaded: its original (deleted 24 h after upload, with its normalised copy) and what the check found.
      CREATE TABLE photo_uploads (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        -- What the check looked for: one face (person) or one or more (group: makeover, repair).
        purpose TEXT NOT NULL CHECK (purpose IN ('person', 'group')),
        original_path TEXT NOT NULL,
        normalised_path TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('checking', 'passed', 'failed', 'deleted')),
        -- The check's result (PhotoCheckResult) as JSON, or NULL while it runs or when it could not run.
        check_json TEXT,
        -- Why the check could not run (ErrorInfo JSON), or NULL.
        error TEXT,
        job_id TEXT,
        consent INTEGER NOT NULL DEFAULT 0,
        uploaded_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        deleted_at INTEGER
      );
      CREATE INDEX photo_uploads_expiry ON photo_uploads (deleted_at, expires_at);
      CREATE INDEX photo_uploads_uploaded ON photo_uploads (uploaded_at DESC, id);
      CREATE INDEX photo_uploads_job ON photo_uploads (job_id);

      -- A run of a tool: what was asked (the job payload), where it stands, what came out, which variant was chosen.
      CREATE TABLE photo_runs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('fuse', 'makeover', 'repair', 'motion')),
        tier TEXT NOT NULL CHECK (tier IN ('free', 'paid')),
        backend TEXT NOT NULL,
        via TEXT NOT NULL CHECK (via IN ('cloud', 'own-key')),
        job_id TEXT,
        -- The uploads used (JSON array of ids) and the run a motion was made from.
        uploads TEXT NOT NULL DEFAULT '[]',
        source_run TEXT,
        request_json TEXT NOT NULL,
        result_json TEXT,
        -- The library assets the results were imported as (JSON: path → asset id).
        assets_json TEXT NOT NULL DEFAULT '{}',
        estimated_credits INTEGER NOT NULL DEFAULT 0,
        chosen_seed INTEGER,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
        progress REAL NOT NULL DEFAULT 0,
        error TEXT,
        out_dir TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        -- When the results leave the library under the retention settings, and when they did.
        results_expire_at INTEGER,
        results_deleted_at INTEGER
      );
      CREATE INDEX photo_runs_created ON photo_runs (created_at DESC, id);
      CREATE INDEX photo_runs_job ON photo_runs (job_id);
      CREATE INDEX photo_runs_expiry ON photo_runs (results_deleted_at, results_expire_at);

      -- The free tier's variants, one row per variant, by local day: UNIQUE (day, slot) makes a second claim of
      -- the day's last slot fail even when two processes sharing the database try at once.
      CREATE TABLE photo_free_variants (
        day TEXT NOT NULL,
        slot INTEGER NOT NULL CHECK (slot >= 1),
        run_id TEXT NOT NULL,
        claimed_at INTEGER NOT NULL,
        PRIMARY KEY (day, slot)
      );
      CREATE INDEX photo_free_variants_run ON photo_free_variants (run_id);
    `,
  },
];
