import type { Migration } from './migration.js';

/** Batches of KOL posts written across personas (issue 14, seed 003 ParallelBatchGenerator): the batch and one row per item. */
export const kolBatchMigrations: Migration[] = [
  {
    version: 9,
    name: 'KOL batches',
    sql: `
      CREATE TABLE kol_batches (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'canceled', 'finished')),
        concurrency INTEGER NOT NULL CHECK (concurrency BETWEEN 1 AND 16),
        post_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      -- At start, the batches that still have work; the list, newest first.
      CREATE INDEX kol_batches_state ON kol_batches (state, created_at);
      CREATE INDEX kol_batches_created ON kol_batches (created_at DESC, id);
      CREATE TABLE kol_batch_items (
        batch_id TEXT NOT NULL REFERENCES kol_batches (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL CHECK (idx >= 0),
        persona_id TEXT NOT NULL REFERENCES kol_personas (id),
        topic TEXT NOT NULL,
        context TEXT NOT NULL DEFAULT '',
        trigger_id TEXT,
        trigger_item TEXT,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'running', 'succeeded', 'failed', 'canceled')),
        -- Attempts of its kol.write job when it ended (the queue retries a job up to 3 times).
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        job_id TEXT,
        post_id TEXT,
        -- Why it failed, as a Localized ({ key, params }) JSON.
        error TEXT,
        estimated_credits INTEGER NOT NULL DEFAULT 0 CHECK (estimated_credits >= 0),
        started_at INTEGER,
        finished_at INTEGER,
        PRIMARY KEY (batch_id, idx)
      );
      -- The pump: a batch's waiting items in order, and how many run.
      CREATE INDEX kol_batch_items_state ON kol_batch_items (batch_id, state, idx);
      CREATE UNIQUE INDEX kol_batch_items_job ON kol_batch_items (job_id) WHERE job_id IS NOT NULL;
    `,
  },
];
