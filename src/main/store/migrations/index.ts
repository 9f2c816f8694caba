/**
 * Numbered migrations, applied in order at start inside one transaction each.
 * Never edit a released migration: add the next number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

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
];

export const LATEST_SCHEMA_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);
