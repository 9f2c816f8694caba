import { randomUUID } from 'node:crypto';
import type { ErrorInfo } from '../../shared/errors.js';
import type { BatchKind } from '../../shared/batch/job-file.js';
import type { Store } from '../store/db.js';

/**
 * Batch state in SQLite (migration 17): one row per run, one per item of a
 * job file (keyed by the file's absolute path and the item id), so a run
 * of the same file again knows which items finished with the same inputs.
 * Plain statements on the studio's database: the batch tables are this
 * module's alone.
 */

export type ItemStatus = 'running' | 'succeeded' | 'failed' | 'skipped' | 'interrupted';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';

/** The work an item started, so a rerun follows it rather than starting it again. */
export type WorkHandle = { project: string } | { job: string } | { photoRun: string } | { posts: string[] };

export interface ItemOutput {
  /** Path relative to the output folder, '/'-separated. */
  file: string;
  sha256: string;
  bytes: number;
  /** The job that made it. */
  jobId: string | null;
  /** The library item it became, when the library registers batch outputs. */
  assetId?: string | null;
}

export interface ItemState {
  file: string;
  itemId: string;
  runId: string;
  kind: BatchKind;
  inputHash: string;
  status: ItemStatus;
  handle: WorkHandle | null;
  jobIds: string[];
  outputs: ItemOutput[];
  estimatedCredits: number;
  actualCredits: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  error: ErrorInfo | null;
}

interface ItemRow {
  file: string;
  item_id: string;
  run_id: string;
  kind: string;
  input_hash: string;
  status: string;
  handle: string | null;
  job_ids: string;
  outputs: string;
  estimated_credits: number;
  actual_credits: number | null;
  started_at: number | null;
  finished_at: number | null;
  error: string | null;
}

function toState(r: ItemRow): ItemState {
  return {
    file: r.file,
    itemId: r.item_id,
    runId: r.run_id,
    kind: r.kind as BatchKind,
    inputHash: r.input_hash,
    status: r.status as ItemStatus,
    handle: r.handle ? (JSON.parse(r.handle) as WorkHandle) : null,
    jobIds: JSON.parse(r.job_ids) as string[],
    outputs: JSON.parse(r.outputs) as ItemOutput[],
    estimatedCredits: r.estimated_credits,
    actualCredits: r.actual_credits,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error ? (JSON.parse(r.error) as ErrorInfo) : null,
  };
}

export class BatchState {
  constructor(private readonly store: Store) {}

  startRun(file: string, outDir: string, items: number, estimatedCredits: number, now = Date.now()): string {
    const id = randomUUID();
    this.store.sqlite
      .prepare('INSERT INTO batch_runs (id, file, out_dir, status, items, estimated_credits, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, file, outDir, 'running', items, estimatedCredits, now);
    return id;
  }

  endRun(id: string, status: RunStatus, now = Date.now()): void {
    this.store.sqlite.prepare('UPDATE batch_runs SET status = ?, finished_at = ? WHERE id = ?').run(status, now, id);
  }

  /** Every item of a job file as last run. */
  items(file: string): Map<string, ItemState> {
    const rows = this.store.sqlite.prepare('SELECT * FROM batch_items WHERE file = ?').all(file) as ItemRow[];
    return new Map(rows.map((r) => [r.item_id, toState(r)]));
  }

  /** Writes an item's state whole (insert or replace: an item has one row per file). */
  save(s: ItemState): void {
    this.store.sqlite
      .prepare(
        `INSERT INTO batch_items (file, item_id, run_id, kind, input_hash, status, handle, job_ids, outputs, estimated_credits, actual_credits, started_at, finished_at, error)
         VALUES (@file, @item_id, @run_id, @kind, @input_hash, @status, @handle, @job_ids, @outputs, @estimated_credits, @actual_credits, @started_at, @finished_at, @error)
         ON CONFLICT (file, item_id) DO UPDATE SET run_id = excluded.run_id, kind = excluded.kind, input_hash = excluded.input_hash, status = excluded.status,
           handle = excluded.handle, job_ids = excluded.job_ids, outputs = excluded.outputs, estimated_credits = excluded.estimated_credits,
           actual_credits = excluded.actual_credits, started_at = excluded.started_at, finished_at = excluded.finished_at, error = excluded.error`,
      )
      .run({
        file: s.file,
        item_id: s.itemId,
        run_id: s.runId,
        kind: s.kind,
        input_hash: s.inputHash,
        status: s.status,
        handle: s.handle ? JSON.stringify(s.handle) : null,
        job_ids: JSON.stringify(s.jobIds),
        outputs: JSON.stringify(s.outputs),
        estimated_credits: s.estimatedCredits,
        actual_credits: s.actualCredits,
        started_at: s.startedAt,
        finished_at: s.finishedAt,
        error: s.error ? JSON.stringify(s.error) : null,
      });
  }
}
