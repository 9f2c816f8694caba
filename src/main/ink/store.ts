import type BetterSqlite3 from 'better-sqlite3';
import type { InkRunStatus } from '../../shared/api/ink-contract.js';
import type { Store } from '../store/db.js';

/** The 2D studio's rows (migration 15) as prepared statements. */
export interface InkRunRow {
  id: string;
  name: string;
  asset_id: string;
  input: string;
  options_json: string;
  style_id: string | null;
  status: InkRunStatus;
  progress: number;
  job_id: string | null;
  result_json: string | null;
  error: string | null;
  psd_job_id: string | null;
  psd_status: InkRunStatus | null;
  psd_json: string | null;
  psd_error: string | null;
  assets_json: string;
  out_dir: string;
  created_at: number;
  finished_at: number | null;
}

export type NewInkRun = Pick<InkRunRow, 'id' | 'name' | 'asset_id' | 'input' | 'options_json' | 'style_id' | 'out_dir' | 'created_at'>;

export class InkStore {
  private readonly s: Record<string, BetterSqlite3.Statement>;

  constructor(readonly store: Store) {
    const db = store.sqlite;
    this.s = {
      insert: db.prepare(
        `INSERT INTO ink_runs (id, name, asset_id, input, options_json, style_id, status, out_dir, created_at)
         VALUES (@id, @name, @asset_id, @input, @options_json, @style_id, 'queued', @out_dir, @created_at)`,
      ),
      get: db.prepare('SELECT * FROM ink_runs WHERE id = ?'),
      byJob: db.prepare('SELECT * FROM ink_runs WHERE job_id = ?'),
      byPsdJob: db.prepare('SELECT * FROM ink_runs WHERE psd_job_id = ?'),
      list: db.prepare('SELECT * FROM ink_runs ORDER BY created_at DESC, id LIMIT ?'),
      delete: db.prepare('DELETE FROM ink_runs WHERE id = ?'),
      setJob: db.prepare('UPDATE ink_runs SET job_id = ? WHERE id = ?'),
      progress: db.prepare(`UPDATE ink_runs SET status = @status, progress = @progress WHERE id = @id AND status IN ('queued', 'running')`),
      settle: db.prepare('UPDATE ink_runs SET status = @status, progress = 1, result_json = @result, error = @error, finished_at = @at WHERE id = @id'),
      psdQueued: db.prepare(`UPDATE ink_runs SET psd_job_id = @job, psd_status = 'queued', psd_json = NULL, psd_error = NULL WHERE id = @id`),
      psdProgress: db.prepare(`UPDATE ink_runs SET psd_status = @status WHERE id = @id AND psd_status IN ('queued', 'running')`),
      psdSettle: db.prepare('UPDATE ink_runs SET psd_status = @status, psd_json = @result, psd_error = @error WHERE id = @id'),
      assets: db.prepare('UPDATE ink_runs SET assets_json = ? WHERE id = ?'),
    };
  }

  insert(row: NewInkRun): void {
    this.s.insert!.run(row);
  }
  get(id: string): InkRunRow | undefined {
    return this.s.get!.get(id) as InkRunRow | undefined;
  }
  byJob(jobId: string): InkRunRow | undefined {
    return this.s.byJob!.get(jobId) as InkRunRow | undefined;
  }
  byPsdJob(jobId: string): InkRunRow | undefined {
    return this.s.byPsdJob!.get(jobId) as InkRunRow | undefined;
  }
  list(limit: number): InkRunRow[] {
    return this.s.list!.all(limit) as InkRunRow[];
  }
  delete(id: string): void {
    this.s.delete!.run(id);
  }
  setJob(id: string, jobId: string): void {
    this.s.setJob!.run(jobId, id);
  }
  progress(id: string, status: InkRunStatus, progress: number): void {
    this.s.progress!.run({ id, status, progress });
  }
  settle(id: string, status: InkRunStatus, result: unknown, error: unknown, at: number): void {
    this.s.settle!.run({ id, status, result: result === null ? null : JSON.stringify(result), error: error === null ? null : JSON.stringify(error), at });
  }
  psdQueued(id: string, job: string): void {
    this.s.psdQueued!.run({ id, job });
  }
  psdProgress(id: string, status: InkRunStatus): void {
    this.s.psdProgress!.run({ id, status });
  }
  psdSettle(id: string, status: InkRunStatus, result: unknown, error: unknown): void {
    this.s.psdSettle!.run({ id, status, result: result === null ? null : JSON.stringify(result), error: error === null ? null : JSON.stringify(error) });
  }
  setAssets(id: string, assets: Record<string, string>): void {
    this.s.assets!.run(JSON.stringify(assets), id);
  }
}
