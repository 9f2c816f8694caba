import type { Migration } from './migration.js';

/** The KOL workspace's triggers and schedules (issue 14, seed 003 `schedules` and its trigger types). */
export const kolTrigMigrations: Migration[] = [
  {
    version: 8,
    name: 'KOL schedules, the items they used, threshold samples',
    sql: `
      -- A schedule: what fires it (trigger_type + trigger_config JSON), who writes, how many posts, when they go out.
      CREATE TABLE kol_schedules (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        trigger_type TEXT NOT NULL CHECK (trigger_type IN ('time', 'news', 'keyword', 'threshold', 'custom')),
        trigger_config TEXT NOT NULL,
        kol_allocation TEXT NOT NULL CHECK (kol_allocation IN ('round-robin', 'random', 'expertise')),
        -- The personas that write (JSON array of kol_personas ids), posts per item, and the round-robin position.
        persona_ids TEXT NOT NULL,
        posts_per_run INTEGER NOT NULL DEFAULT 1 CHECK (posts_per_run >= 1),
        rr_cursor INTEGER NOT NULL DEFAULT 0,
        -- {"at":"HH:MM","timeZone":"…"} as JSON, or NULL: the reviewer chooses.
        post_time TEXT,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_executed_at INTEGER,
        next_execution_at INTEGER,
        last_checked_at INTEGER,
        execution_count INTEGER NOT NULL DEFAULT 0,
        success_count INTEGER NOT NULL DEFAULT 0,
        error_count INTEGER NOT NULL DEFAULT 0,
        -- A Localized ({ key, params }) as JSON.
        last_error TEXT,
        -- Threshold triggers: the last value read and whether the condition held then (it fires once per crossing).
        last_value REAL,
        condition_met INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX kol_schedules_due ON kol_schedules (status, next_execution_at);
      -- Every item a schedule used (a feed item's guid, a cron time, an event id): used once ever.
      CREATE TABLE kol_trigger_items (
        schedule_id TEXT NOT NULL REFERENCES kol_schedules (id) ON DELETE CASCADE,
        item_key TEXT NOT NULL,
        run_id TEXT NOT NULL,
        used_at INTEGER NOT NULL,
        UNIQUE (schedule_id, item_key)
      );
      -- Every run: what it took and how starting its batch went.
      CREATE TABLE kol_trigger_runs (
        id TEXT PRIMARY KEY,
        schedule_id TEXT NOT NULL REFERENCES kol_schedules (id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('starting', 'started', 'failed')),
        items TEXT NOT NULL,
        batch_id TEXT,
        error TEXT
      );
      CREATE INDEX kol_trigger_runs_schedule ON kol_trigger_runs (schedule_id, at DESC);
      -- A threshold's samples for its average (one per day or per poll, by bucket).
      CREATE TABLE kol_trigger_samples (
        schedule_id TEXT NOT NULL REFERENCES kol_schedules (id) ON DELETE CASCADE,
        bucket TEXT NOT NULL,
        value REAL NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (schedule_id, bucket)
      );
    `,
  },
];
