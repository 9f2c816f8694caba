import type { Migration } from './migration.js';

/** Data lifecycle (issue 17): the record of every cleanup run; version 18. */
export const lifecycleMigrations: Migration[] = [
  {
    version: 18,
    name: 'cleanup runs are recorded',
    sql: `
      CREATE TABLE lifecycle_runs (
        id TEXT PRIMARY KEY,
        -- 'retention': expired media, daily at 04:00; 'temp': intermediate files, every 6 hours.
        task TEXT NOT NULL CHECK (task IN ('retention', 'temp')),
        -- The scheduled moment this run stands for (a missed 04:00 run that ran at the next start keeps its 04:00).
        due_at INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        deleted_count INTEGER NOT NULL DEFAULT 0,
        bytes_freed INTEGER NOT NULL DEFAULT 0,
        -- What went: [{ "id", "name", "file", "bytes" }] (library items) or [{ "file", "bytes" }] (temp folders).
        deleted_json TEXT NOT NULL DEFAULT '[]',
        error TEXT,
        -- Two processes sharing the database (the window and \`kingjam jobs run\`) both wake at 04:00: one claims the slot.
        UNIQUE (task, due_at)
      );
      CREATE INDEX lifecycle_runs_started ON lifecycle_runs (started_at);
    `,
  },
];
