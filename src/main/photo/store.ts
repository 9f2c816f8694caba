import type BetterSqlite3 from 'better-sqlite3';
import type { PhotoRunKind, PhotoRunStatus, PhotoUploadStatus } from '../../shared/api/photo-contract.js';
import type { CheckPurpose } from '../../shared/photo/check.js';
import type { PhotoTier, PhotoVia } from '../../shared/photo/requests.js';
import type { Store } from '../store/db.js';

/** The photo studio's rows (migration 11) as prepared statements. */
export interface UploadRow {
  id: string;
  name: string;
  purpose: CheckPurpose;
  original_path: string;
  normalised_path: string;
  status: PhotoUploadStatus;
  check_json: string | null;
  error: string | null;
  job_id: string | null;
  consent: number;
  uploaded_at: number;
  expires_at: number;
  deleted_at: number | null;
}

export interface RunRow {
  id: string;
  kind: PhotoRunKind;
  tier: PhotoTier;
  backend: string;
  via: PhotoVia;
  job_id: string | null;
  uploads: string;
  source_run: string | null;
  request_json: string;
  result_json: string | null;
  assets_json: string;
  estimated_credits: number;
  chosen_seed: number | null;
  status: PhotoRunStatus;
  progress: number;
  error: string | null;
  out_dir: string;
  created_at: number;
  finished_at: number | null;
  results_expire_at: number | null;
  results_deleted_at: number | null;
}

export type NewRun = Pick<RunRow, 'id' | 'kind' | 'tier' | 'backend' | 'via' | 'source_run' | 'request_json' | 'estimated_credits' | 'out_dir' | 'created_at'> & {
  uploads: string[];
};

export class PhotoStore {
  private readonly s: Record<string, BetterSqlite3.Statement>;

  constructor(readonly store: Store) {
    const db = store.sqlite;
    this.s = {
      insertUpload: db.prepare(
        `INSERT INTO photo_uploads (id, name, purpose, original_path, normalised_path, status, consent, uploaded_at, expires_at)
         VALUES (@id, @name, @purpose, @original_path, @normalised_path, 'checking', @consent, @uploaded_at, @expires_at)`,
      ),
      upload: db.prepare('SELECT * FROM photo_uploads WHERE id = ?'),
      uploadByJob: db.prepare('SELECT * FROM photo_uploads WHERE job_id = ?'),
      uploads: db.prepare('SELECT * FROM photo_uploads WHERE (@all OR deleted_at IS NULL) ORDER BY uploaded_at DESC, id LIMIT @limit'),
      setUploadJob: db.prepare('UPDATE photo_uploads SET job_id = ? WHERE id = ?'),
      checked: db.prepare(`UPDATE photo_uploads SET status = @status, check_json = @check, error = @error WHERE id = @id AND status = 'checking'`),
      consent: db.prepare('UPDATE photo_uploads SET consent = 1 WHERE id = ?'),
      dueUploads: db.prepare('SELECT * FROM photo_uploads WHERE deleted_at IS NULL AND expires_at <= ? ORDER BY expires_at'),
      nextUploadExpiry: db.prepare('SELECT MIN(expires_at) AS at FROM photo_uploads WHERE deleted_at IS NULL'),
      markDeleted: db.prepare(`UPDATE photo_uploads SET deleted_at = @now, status = 'deleted' WHERE id = @id AND deleted_at IS NULL`),

      insertRun: db.prepare(
        `INSERT INTO photo_runs (id, kind, tier, backend, via, uploads, source_run, request_json, estimated_credits, status, out_dir, created_at)
         VALUES (@id, @kind, @tier, @backend, @via, @uploads, @source_run, @request_json, @estimated_credits, 'queued', @out_dir, @created_at)`,
      ),
      run: db.prepare('SELECT * FROM photo_runs WHERE id = ?'),
      runByJob: db.prepare('SELECT * FROM photo_runs WHERE job_id = ?'),
      runs: db.prepare(
        `SELECT * FROM photo_runs WHERE (@kind IS NULL OR kind = @kind)
           AND (@before IS NULL OR (created_at, id) < (SELECT created_at, id FROM photo_runs WHERE id = @before))
         ORDER BY created_at DESC, id DESC LIMIT @limit`,
      ),
      deleteRun: db.prepare('DELETE FROM photo_runs WHERE id = ?'),
      setRunJob: db.prepare('UPDATE photo_runs SET job_id = ? WHERE id = ?'),
      progress: db.prepare(`UPDATE photo_runs SET status = @status, progress = @progress WHERE id = @id AND status IN ('queued', 'running')`),
      succeeded: db.prepare(
        `UPDATE photo_runs SET status = 'succeeded', progress = 1, result_json = @result, finished_at = @now, results_expire_at = @expires WHERE id = @id`,
      ),
      failed: db.prepare(`UPDATE photo_runs SET status = @status, error = @error, finished_at = @now WHERE id = @id`),
      choose: db.prepare('UPDATE photo_runs SET chosen_seed = ? WHERE id = ?'),
      setAssets: db.prepare('UPDATE photo_runs SET assets_json = ? WHERE id = ?'),
      dueRuns: db.prepare('SELECT * FROM photo_runs WHERE results_deleted_at IS NULL AND results_expire_at <= ? ORDER BY results_expire_at'),
      nextRunExpiry: db.prepare('SELECT MIN(results_expire_at) AS at FROM photo_runs WHERE results_deleted_at IS NULL'),
      resultsDeleted: db.prepare('UPDATE photo_runs SET results_deleted_at = ? WHERE id = ?'),

      // One statement: the slot is the day's count + 1, and the primary key refuses it when another claim took it first.
      claimFree: db.prepare(
        `INSERT OR IGNORE INTO photo_free_variants (day, slot, run_id, claimed_at)
         SELECT @day, COUNT(*) + 1, @run, @now FROM photo_free_variants WHERE day = @day HAVING COUNT(*) < @limit`,
      ),
      freeUsed: db.prepare('SELECT COUNT(*) AS n FROM photo_free_variants WHERE day = ?'),
      releaseFree: db.prepare('DELETE FROM photo_free_variants WHERE run_id = ?'),
    };
  }

  insertUpload(row: Pick<UploadRow, 'id' | 'name' | 'purpose' | 'original_path' | 'normalised_path' | 'consent' | 'uploaded_at' | 'expires_at'>): void {
    this.s.insertUpload!.run(row);
  }

  upload(id: string): UploadRow | undefined {
    return this.s.upload!.get(id) as UploadRow | undefined;
  }

  uploadByJob(jobId: string): UploadRow | undefined {
    return this.s.uploadByJob!.get(jobId) as UploadRow | undefined;
  }

  uploads(includeDeleted: boolean, limit: number): UploadRow[] {
    return this.s.uploads!.all({ all: includeDeleted ? 1 : 0, limit }) as UploadRow[];
  }

  setUploadJob(id: string, jobId: string): void {
    this.s.setUploadJob!.run(jobId, id);
  }

  checked(id: string, status: 'passed' | 'failed', check: string | null, error: string | null): boolean {
    return this.s.checked!.run({ id, status, check, error }).changes === 1;
  }

  giveConsent(id: string): void {
    this.s.consent!.run(id);
  }

  dueUploads(now: number): UploadRow[] {
    return this.s.dueUploads!.all(now) as UploadRow[];
  }

  markDeleted(id: string, now: number): boolean {
    return this.s.markDeleted!.run({ id, now }).changes === 1;
  }

  /** The earliest moment something is due to be deleted (an original or a run's results), or null. */
  nextExpiry(): number | null {
    const a = (this.s.nextUploadExpiry!.get() as { at: number | null }).at;
    const b = (this.s.nextRunExpiry!.get() as { at: number | null }).at;
    const times = [a, b].filter((t): t is number => t !== null);
    return times.length > 0 ? Math.min(...times) : null;
  }

  insertRun(run: NewRun): void {
    this.s.insertRun!.run({ ...run, uploads: JSON.stringify(run.uploads) });
  }

  run(id: string): RunRow | undefined {
    return this.s.run!.get(id) as RunRow | undefined;
  }

  runByJob(jobId: string): RunRow | undefined {
    return this.s.runByJob!.get(jobId) as RunRow | undefined;
  }

  runs(filter: { kind?: PhotoRunKind | undefined; before?: string | undefined; limit: number }): RunRow[] {
    return this.s.runs!.all({ kind: filter.kind ?? null, before: filter.before ?? null, limit: filter.limit }) as RunRow[];
  }

  deleteRun(id: string): void {
    this.s.deleteRun!.run(id);
  }

  setRunJob(id: string, jobId: string): void {
    this.s.setRunJob!.run(jobId, id);
  }

  progress(id: string, status: 'queued' | 'running', progress: number): boolean {
    return this.s.progress!.run({ id, status, progress }).changes === 1;
  }

  succeeded(id: string, result: unknown, now: number, expires: number): void {
    this.s.succeeded!.run({ id, result: JSON.stringify(result), now, expires });
  }

  failed(id: string, status: 'failed' | 'canceled', error: unknown, now: number): void {
    this.s.failed!.run({ id, status, error: JSON.stringify(error), now });
  }

  choose(id: string, seed: number): void {
    this.s.choose!.run(seed, id);
  }

  setAssets(id: string, assets: { imported: Record<string, string>; kept: string[] }): void {
    this.s.setAssets!.run(JSON.stringify(assets), id);
  }

  dueRuns(now: number): RunRow[] {
    return this.s.dueRuns!.all(now) as RunRow[];
  }

  resultsDeleted(id: string, now: number): void {
    this.s.resultsDeleted!.run(now, id);
  }

  /** Takes one of the day's free variants for `run`; false when the day's are all taken. */
  claimFree(day: string, run: string, limit: number, now: number): boolean {
    return this.s.claimFree!.run({ day, run, limit, now }).changes === 1;
  }

  freeUsed(day: string): number {
    return (this.s.freeUsed!.get(day) as { n: number }).n;
  }

  /** A free run that failed gives its variant back: nobody pays for failed work. */
  releaseFree(run: string): void {
    this.s.releaseFree!.run(run);
  }
}
