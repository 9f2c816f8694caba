import type { Migration } from './migration.js';

/** Outputs in one place and retention (issue 17); version 16. */
export const libraryOutputsMigrations: Migration[] = [
  {
    version: 16,
    name: 'library items know where they came from and how long they are kept',
    sql: `
      -- 'import': the user's own file; 'generated': a generator's output; 'batch': a batch run's output.
      ALTER TABLE assets ADD COLUMN origin TEXT NOT NULL DEFAULT 'import' CHECK (origin IN ('import', 'generated', 'batch'));
      -- The job that made it (imports: NULL; job_id stays the probe job).
      ALTER TABLE assets ADD COLUMN source_job_id TEXT;
      -- The generation project, batch run or other owner it belongs to (free text id), if any.
      ALTER TABLE assets ADD COLUMN project_id TEXT;
      -- Which retention policy applies (settings.retentionDays key, or 'temp'); NULL: kept until the user deletes it.
      ALTER TABLE assets ADD COLUMN retention_class TEXT;
      CREATE INDEX assets_retention ON assets (retention_class, starred, created_at) WHERE retention_class IS NOT NULL;
      CREATE INDEX assets_source_job ON assets (source_job_id) WHERE source_job_id IS NOT NULL;
      CREATE INDEX assets_project ON assets (project_id) WHERE project_id IS NOT NULL;
    `,
  },
];
