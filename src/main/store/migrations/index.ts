import { kolBatchMigrations } from './kol-batch.js';
import { kolCoreMigrations } from './kol-core.js';
import { kolScoreMigrations } from './kol-score.js';
import { kolTrigMigrations } from './kol-trig.js';
import { kolLearnMigrations } from './kol-learn.js';
import { photoMigrations } from './photo.js';
import { characterMigrations } from './character.js';
import { styleMigrations } from './style.js';
import { meshMigrations } from './mesh.js';
import { inkMigrations } from './ink.js';
import { libraryOutputsMigrations } from './library-outputs.js';
import { batchMigrations } from './batch.js';
import { lifecycleMigrations } from './lifecycle.js';
import { kolUndoMigrations } from './kol-undo.js';
import { kolSearchMigrations } from './kol-search.js';
import { writeIndexMigrations } from './write-indexes.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/**
 * Numbered migrations, applied in order at start inside one transaction each.
 * Never edit a released migration: add the next number.
 */

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'jobs, assets, settings',
    sql: `
      CREATE TABLE jobs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        queue TEXT NOT NULL CHECK (queue IN ('high', 'default', 'video')),
        priority INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
        payload TEXT NOT NULL,
        result TEXT,
        progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        progress_message TEXT,
        checkpoint TEXT,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        max_attempts INTEGER NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
        run_after INTEGER NOT NULL,
        lease_owner TEXT,
        lease_expires_at INTEGER,
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        estimated_credits INTEGER NOT NULL DEFAULT 0 CHECK (estimated_credits >= 0),
        actual_credits INTEGER CHECK (actual_credits >= 0),
        hold_id TEXT,
        error_code TEXT,
        error_message TEXT,
        error_hint TEXT
      );
      CREATE INDEX jobs_claim ON jobs (queue, status, priority DESC, seq) WHERE status = 'queued';
      CREATE INDEX jobs_running ON jobs (status, lease_expires_at) WHERE status = 'running';
      CREATE INDEX jobs_status_seq ON jobs (status, seq);

      CREATE TABLE assets (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('image', 'video', 'audio')),
        name TEXT NOT NULL,
        name_lower TEXT NOT NULL,
        ext TEXT NOT NULL,
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        width INTEGER,
        height INTEGER,
        duration_sec REAL,
        codecs TEXT NOT NULL DEFAULT '[]',
        format TEXT,
        status TEXT NOT NULL CHECK (status IN ('processing', 'ready')),
        file TEXT NOT NULL,
        thumb TEXT,
        starred INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        job_id TEXT
      );
      CREATE INDEX assets_created ON assets (created_at DESC, id);
      CREATE INDEX assets_kind_created ON assets (kind, created_at DESC, id);
      CREATE INDEX assets_name ON assets (name_lower, id);
      CREATE INDEX assets_kind_name ON assets (kind, name_lower, id);
      CREATE INDEX assets_bytes ON assets (bytes DESC, id);
      CREATE INDEX assets_kind_bytes ON assets (kind, bytes DESC, id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'credit allowances and spends',
    sql: `
      -- An allowance is a long hold on the cloud ledger that this device spends against, online or off.
      CREATE TABLE credit_allowances (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        status TEXT NOT NULL CHECK (status IN ('requested', 'open', 'draining', 'settling', 'settled', 'failed')),
        expires_at INTEGER,
        settle_id TEXT UNIQUE,
        settled_amount INTEGER CHECK (settled_amount >= 0),
        error TEXT,
        created_at INTEGER NOT NULL,
        settled_at INTEGER
      );
      CREATE INDEX credit_allowances_status ON credit_allowances (user_id, status);
      -- A spend is one job's share of an allowance: held while it runs, then captured or released.
      CREATE TABLE credit_spends (
        id TEXT PRIMARY KEY,
        allowance_id TEXT NOT NULL REFERENCES credit_allowances (id),
        job_id TEXT,
        amount INTEGER NOT NULL CHECK (amount > 0),
        captured INTEGER CHECK (captured >= 0 AND captured <= amount),
        status TEXT NOT NULL CHECK (status IN ('held', 'captured', 'released')),
        created_at INTEGER NOT NULL,
        resolved_at INTEGER
      );
      CREATE INDEX credit_spends_allowance ON credit_spends (allowance_id, status);
    `,
  },
  {
    version: 3,
    name: 'generation projects',
    sql: `
      -- A blog article, a social post or a Director video: the request, and what its jobs made.
      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('blog', 'social', 'video')),
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        request TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX projects_kind ON projects (kind, updated_at DESC);
      ALTER TABLE jobs ADD COLUMN project_id TEXT;
      CREATE INDEX jobs_project ON jobs (project_id);
    `,
  },
  {
    version: 4,
    name: 'job errors in the user language',
    sql: `
      -- The failure's message key and its parameters (JSON), so the UI can say it in the user's language.
      ALTER TABLE jobs ADD COLUMN error_key TEXT;
      ALTER TABLE jobs ADD COLUMN error_params TEXT;
    `,
  },
  {
    version: 5,
    name: 'publishing outbox',
    sql: `
      -- An account posts go to: a vault connection and, for Meta, the Page or Instagram account behind it (issue 13).
      CREATE TABLE publish_accounts (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        connection_id TEXT NOT NULL,
        -- The connection's own account id on the platform (a publisher's PublishTarget.accountId).
        platform_account_id TEXT NOT NULL,
        target_id TEXT,
        display_name TEXT NOT NULL,
        client_id TEXT,
        client_name TEXT,
        time_zone TEXT NOT NULL DEFAULT 'Asia/Taipei',
        missed_policy TEXT NOT NULL DEFAULT 'publish' CHECK (missed_policy IN ('publish', 'mark-missed')),
        updated_at INTEGER NOT NULL
      );
      -- target_id NULL (the connection's own account) must be unique too: SQLite treats NULLs as distinct in UNIQUE.
      CREATE UNIQUE INDEX publish_accounts_target ON publish_accounts (platform, connection_id, IFNULL(target_id, ''));
      -- Every post to every account: the payload exactly as sent, its state, and what the platform answered.
      CREATE TABLE outbox_posts (
        id TEXT PRIMARY KEY,
        group_id TEXT,
        account_id TEXT NOT NULL REFERENCES publish_accounts (id),
        platform TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('draft', 'scheduled', 'publishing', 'published', 'failed', 'canceled')),
        payload TEXT NOT NULL,
        scheduled_at INTEGER,
        missed_policy TEXT NOT NULL CHECK (missed_policy IN ('publish', 'mark-missed')),
        missed INTEGER NOT NULL DEFAULT 0,
        platform_post_id TEXT,
        url TEXT,
        published_at INTEGER,
        failure_class TEXT CHECK (failure_class IN ('retry', 'refresh-token', 'bad-post', 'disconnected')),
        error TEXT,
        job_id TEXT,
        -- When the next attempt may start (backoff after a retryable failure); NULL while none is pending.
        attempt_after INTEGER,
        -- A forced token refresh is owed before the next attempt (after the platform said the token expired).
        refresh_pending INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- The calendar: a time range, then filters.
      CREATE INDEX outbox_posts_calendar ON outbox_posts (scheduled_at, account_id);
      -- The dispatcher: what is due on each platform (scheduled by time, publishing by backoff).
      CREATE INDEX outbox_posts_due ON outbox_posts (state, platform, scheduled_at);
      CREATE INDEX outbox_posts_attempt ON outbox_posts (state, platform, attempt_after);
      CREATE INDEX outbox_posts_job ON outbox_posts (job_id);
      CREATE INDEX outbox_posts_group ON outbox_posts (group_id);
      CREATE TABLE outbox_attempts (
        post_id TEXT NOT NULL REFERENCES outbox_posts (id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        -- The post's account, kept here so the per-account rate window is one indexed read.
        account_id TEXT NOT NULL,
        job_id TEXT,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        outcome TEXT NOT NULL CHECK (outcome IN ('running', 'published', 'retry', 'refresh-token', 'bad-post', 'disconnected', 'interrupted')),
        error TEXT,
        checkpoint TEXT,
        PRIMARY KEY (post_id, n)
      );
      -- The per-account rate window (attempts started in the last minute) and the attempt a job belongs to.
      CREATE INDEX outbox_attempts_account ON outbox_attempts (account_id, started_at);
      CREATE INDEX outbox_attempts_job ON outbox_attempts (job_id);
    `,
  },
  // Issue 14 (KOL agency workspace): one file per area, numbers 6–10.
  ...kolCoreMigrations,
  ...kolBatchMigrations,
  ...kolScoreMigrations,
  ...kolTrigMigrations,
  ...kolLearnMigrations,
  // Issue 15 (the photo studio).
  ...photoMigrations,
  // Issue 16 (Creator Hub): characters 12, styles 13, 3D models 14, 2D studio 15.
  ...characterMigrations,
  ...styleMigrations,
  ...meshMigrations,
  ...inkMigrations,
  // Issue 17 (batch, farm, lifecycle): library outputs 16.
  ...libraryOutputsMigrations,
  // Batch runs 17.
  ...batchMigrations,
  // Issue 17: data lifecycle 18.
  ...lifecycleMigrations,
  // Issue 14: KOL review undo records 19.
  ...kolUndoMigrations,
  // Issue 14: the queue's search index for words of 1–2 characters 20.
  ...kolSearchMigrations,
  // Issue 13: indexes that hold only what their queries look for 21.
  ...writeIndexMigrations,
];

export const LATEST_SCHEMA_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);
