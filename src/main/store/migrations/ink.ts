import type { Migration } from './migration.js';

/** 2D studio runs (issue 16); version 15. */
export const inkMigrations: Migration[] = [
  {
    version: 15,
    name: '2D studio ink runs',
    sql: `
      -- A cleanup of one sketch from the library: options, its job, what came out, and its layered PSD when asked.
      CREATE TABLE ink_runs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        asset_id TEXT NOT NULL,
        -- The sketch's file inside the library.
        input TEXT NOT NULL,
        options_json TEXT NOT NULL,
        style_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
        progress REAL NOT NULL DEFAULT 0,
        job_id TEXT,
        -- InkCleanResult as JSON, and why it failed (ErrorInfo JSON).
        result_json TEXT,
        error TEXT,
        -- The PSD: its job, status (NULL = never asked), InkPsdResult JSON, ErrorInfo JSON.
        psd_job_id TEXT,
        psd_status TEXT CHECK (psd_status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
        psd_json TEXT,
        psd_error TEXT,
        -- Outputs imported into the library (JSON: kind → asset id).
        assets_json TEXT NOT NULL DEFAULT '{}',
        out_dir TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE INDEX ink_runs_created ON ink_runs (created_at DESC, id);
      CREATE INDEX ink_runs_job ON ink_runs (job_id);
      CREATE INDEX ink_runs_psd_job ON ink_runs (psd_job_id);
    `,
  },
];
