import type { Migration } from './migration.js';

/** Headless batch runs (issue 17, `kingjam batch run`); version 17. */
export const batchMigrations: Migration[] = [
  {
    version: 17,
    name: 'batch runs and the state of their items',
    sql: `
      -- One \`kingjam batch run FILE\`: the file, where its outputs went, and how it ended.
      CREATE TABLE batch_runs (
        id TEXT PRIMARY KEY,
        file TEXT NOT NULL,
        out_dir TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
        items INTEGER NOT NULL CHECK (items >= 0),
        estimated_credits INTEGER NOT NULL DEFAULT 0 CHECK (estimated_credits >= 0),
        started_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE INDEX batch_runs_file ON batch_runs (file, started_at DESC);
      -- An item of a job file as last run: matched on the next run by file, item id and the hash of its resolved inputs.
      CREATE TABLE batch_items (
        file TEXT NOT NULL,
        item_id TEXT NOT NULL,
        run_id TEXT NOT NULL REFERENCES batch_runs (id),
        kind TEXT NOT NULL,
        input_hash TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'skipped', 'interrupted')),
        -- The work it started (a generation project, a job, a photo run, posts), so a rerun follows it instead of starting it again.
        handle TEXT,
        job_ids TEXT NOT NULL DEFAULT '[]',
        outputs TEXT NOT NULL DEFAULT '[]',
        estimated_credits INTEGER NOT NULL DEFAULT 0 CHECK (estimated_credits >= 0),
        actual_credits INTEGER CHECK (actual_credits >= 0),
        started_at INTEGER,
        finished_at INTEGER,
        error TEXT,
        PRIMARY KEY (file, item_id)
      );
      CREATE INDEX batch_items_run ON batch_items (run_id);
    `,
  },
];
