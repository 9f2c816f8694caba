import type { ColumnType, Generated } from 'kysely';
import type { AssetOrigin, RetentionClass } from '../../shared/library.js';

/** Row types of the local store, as SQLite holds them. */
export interface JobsTable {
  id: string;
  kind: string;
  title: string;
  queue: string;
  priority: number;
  status: string;
  payload: string;
  result: string | null;
  progress: number;
  progress_message: string | null;
  checkpoint: string | null;
  attempts: number;
  max_attempts: number;
  run_after: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  cancel_requested: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  estimated_credits: number;
  actual_credits: number | null;
  hold_id: string | null;
  error_code: string | null;
  error_message: string | null;
  error_hint: string | null;
  error_key: string | null;
  error_params: string | null;
  project_id: string | null;
  seq: Generated<number>;
}

export interface ProjectsTable {
  id: string;
  kind: 'blog' | 'social' | 'video';
  title: string;
  status: string;
  request: string;
  data: string;
  error: string | null;
  created_at: number;
  updated_at: number;
}

export interface AssetsTable {
  id: string;
  hash: string;
  kind: string;
  name: string;
  name_lower: string;
  ext: string;
  bytes: number;
  width: number | null;
  height: number | null;
  duration_sec: number | null;
  codecs: string;
  format: string | null;
  status: string;
  file: string;
  thumb: string | null;
  starred: number;
  created_at: number;
  job_id: string | null;
  origin: ColumnType<AssetOrigin, AssetOrigin | undefined, AssetOrigin>;
  source_job_id: ColumnType<string | null, string | null | undefined, string | null>;
  project_id: ColumnType<string | null, string | null | undefined, string | null>;
  retention_class: ColumnType<RetentionClass | null, RetentionClass | null | undefined, RetentionClass | null>;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface SchemaVersionTable {
  version: number;
  applied_at: ColumnType<number, number, never>;
}

export interface CreditAllowancesTable {
  id: string;
  user_id: string;
  amount: number;
  status: 'requested' | 'open' | 'draining' | 'settling' | 'settled' | 'failed';
  expires_at: number | null;
  settle_id: string | null;
  settled_amount: number | null;
  error: string | null;
  created_at: number;
  settled_at: number | null;
}

export interface CreditSpendsTable {
  id: string;
  allowance_id: string;
  job_id: string | null;
  amount: number;
  captured: number | null;
  status: 'held' | 'captured' | 'released';
  created_at: number;
  resolved_at: number | null;
}

export interface Database {
  credit_allowances: CreditAllowancesTable;
  credit_spends: CreditSpendsTable;
  jobs: JobsTable;
  projects: ProjectsTable;
  assets: AssetsTable;
  settings: SettingsTable;
  schema_version: SchemaVersionTable;
}
