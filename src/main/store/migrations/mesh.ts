import type { Migration } from './migration.js';

/** 3D models, candidates, checks, packs and quotes (issue 16); version 14. */
export const meshMigrations: Migration[] = [
  {
    version: 14,
    name: '3D builder models, candidates, prepared files, packs and quotes',
    sql: `
      -- The mesh queue (its own worker, one at a time): the jobs table's queue CHECK named only the first three.
      -- SQLite cannot change a CHECK in place: the table is rebuilt with the same columns, rows and indexes.
      CREATE TABLE jobs_rebuilt (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        queue TEXT NOT NULL CHECK (queue IN ('high', 'default', 'video', 'mesh')),
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
        error_hint TEXT,
        project_id TEXT,
        error_key TEXT,
        error_params TEXT
      );
      INSERT INTO jobs_rebuilt (seq, id, kind, title, queue, priority, status, payload, result, progress, progress_message, checkpoint, attempts,
          max_attempts, run_after, lease_owner, lease_expires_at, cancel_requested, created_at, started_at, finished_at, estimated_credits,
          actual_credits, hold_id, error_code, error_message, error_hint, project_id, error_key, error_params)
        SELECT seq, id, kind, title, queue, priority, status, payload, result, progress, progress_message, checkpoint, attempts,
          max_attempts, run_after, lease_owner, lease_expires_at, cancel_requested, created_at, started_at, finished_at, estimated_credits,
          actual_credits, hold_id, error_code, error_message, error_hint, project_id, error_key, error_params
        FROM jobs;
      DROP TABLE jobs;
      ALTER TABLE jobs_rebuilt RENAME TO jobs;
      CREATE INDEX jobs_claim ON jobs (queue, status, priority DESC, seq) WHERE status = 'queued';
      CREATE INDEX jobs_running ON jobs (status, lease_expires_at) WHERE status = 'running';
      CREATE INDEX jobs_status_seq ON jobs (status, seq);
      CREATE INDEX jobs_project ON jobs (project_id);

      -- A 3D model the user is making: from one image, at one print size and process.
      CREATE TABLE mesh_models (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        -- A character (migration 12) the model belongs to, or NULL; text, no FK: the areas are built apart.
        character_id TEXT,
        -- Where the image came from: a library asset id, or a file path (CLI, a character's reference).
        source_kind TEXT NOT NULL CHECK (source_kind IN ('asset', 'path')),
        source TEXT NOT NULL,
        -- The copy of the image the backends read (inside the model's folder, so the page can show it).
        image_path TEXT NOT NULL,
        size_mm REAL NOT NULL,
        process TEXT NOT NULL CHECK (process IN ('fdm', 'sla', 'sandstone', 'pvc')),
        status TEXT NOT NULL CHECK (status IN ('making', 'ready', 'failed')),
        -- The candidate the user chose; NULL: the best score is used.
        chosen_candidate TEXT,
        dir TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX mesh_models_updated ON mesh_models (updated_at DESC, id);
      CREATE INDEX mesh_models_character ON mesh_models (character_id, updated_at DESC);

      -- One backend's attempt at the model: made (mesh.make), then measured (mesh.check).
      CREATE TABLE mesh_candidates (
        id TEXT PRIMARY KEY,
        model_id TEXT NOT NULL REFERENCES mesh_models (id) ON DELETE CASCADE,
        backend TEXT NOT NULL,
        via TEXT NOT NULL CHECK (via IN ('cloud', 'own')),
        status TEXT NOT NULL CHECK (status IN ('making', 'checking', 'checked', 'failed', 'canceled')),
        make_job_id TEXT,
        check_job_id TEXT,
        estimated_credits INTEGER NOT NULL DEFAULT 0,
        glb_path TEXT NOT NULL,
        -- MeshMakeResult JSON once made.
        make_json TEXT,
        -- MeshCheckReport and MaterialEstimate JSON once checked.
        report_json TEXT,
        material_json TEXT,
        score REAL,
        preview_path TEXT,
        -- ErrorInfo JSON of the make or the check that failed.
        error TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE INDEX mesh_candidates_model ON mesh_candidates (model_id, created_at);
      CREATE INDEX mesh_candidates_make_job ON mesh_candidates (make_job_id);
      CREATE INDEX mesh_candidates_check_job ON mesh_candidates (check_job_id);

      -- A candidate repaired, simplified, scaled, hollowed and based (mesh.prepare): the print files.
      CREATE TABLE mesh_prepared (
        id TEXT PRIMARY KEY,
        model_id TEXT NOT NULL REFERENCES mesh_models (id) ON DELETE CASCADE,
        candidate_id TEXT NOT NULL,
        job_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'canceled')),
        options_json TEXT NOT NULL,
        -- [{ format, path, bytes, sha256 }] JSON once written.
        files_json TEXT,
        before_json TEXT,
        after_json TEXT,
        material_json TEXT,
        preview_path TEXT,
        error TEXT,
        out_dir TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE INDEX mesh_prepared_model ON mesh_prepared (model_id, created_at DESC);
      CREATE INDEX mesh_prepared_job ON mesh_prepared (job_id);

      -- A production pack (mesh.pack): model files, PDF spec sheet, RFQ texts, in one ZIP.
      CREATE TABLE mesh_packs (
        id TEXT PRIMARY KEY,
        model_id TEXT NOT NULL REFERENCES mesh_models (id) ON DELETE CASCADE,
        prepared_id TEXT NOT NULL,
        job_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'canceled')),
        language TEXT NOT NULL CHECK (language IN ('zh-TW', 'zh-CN', 'en')),
        quantity INTEGER NOT NULL,
        factories_json TEXT NOT NULL,
        path TEXT NOT NULL,
        bytes INTEGER,
        entries_json TEXT,
        error TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE INDEX mesh_packs_model ON mesh_packs (model_id, created_at DESC);
      CREATE INDEX mesh_packs_job ON mesh_packs (job_id);

      -- A factory's answer to the request for quotation (the seed's manufacturing cloud, first step).
      CREATE TABLE mesh_quotes (
        id TEXT PRIMARY KEY,
        model_id TEXT NOT NULL REFERENCES mesh_models (id) ON DELETE CASCADE,
        factory TEXT NOT NULL,
        -- ISO 4217; TWD (NT$) unless the factory quoted in another.
        currency TEXT NOT NULL DEFAULT 'TWD',
        unit_price REAL NOT NULL CHECK (unit_price >= 0),
        moq INTEGER NOT NULL CHECK (moq >= 1),
        lead_days INTEGER NOT NULL CHECK (lead_days >= 0),
        notes TEXT NOT NULL DEFAULT '',
        received_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX mesh_quotes_model ON mesh_quotes (model_id, received_at DESC);
    `,
  },
];
