import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { CleanupRunView, CleanupTask } from '../../shared/api/lifecycle-contract.js';
import type { Store } from '../store/db.js';

interface RunRow {
  id: string;
  task: CleanupTask;
  due_at: number;
  started_at: number;
  finished_at: number | null;
  deleted_count: number;
  bytes_freed: number;
  error: string | null;
}

/** One thing a run removed, as recorded with it. */
export interface RemovedEntry {
  id?: string;
  name?: string;
  file: string;
  bytes: number;
}

/** The cleanup runs (migration 18) as prepared statements. */
export class RunStore {
  private readonly s: Record<'claim' | 'finish' | 'latestDue' | 'recent' | 'totals', BetterSqlite3.Statement>;

  constructor(store: Store) {
    const db = store.sqlite;
    this.s = {
      claim: db.prepare('INSERT INTO lifecycle_runs (id, task, due_at, started_at) VALUES (?, ?, ?, ?) ON CONFLICT (task, due_at) DO NOTHING'),
      finish: db.prepare('UPDATE lifecycle_runs SET finished_at = ?, deleted_count = ?, bytes_freed = ?, deleted_json = ?, error = ? WHERE id = ?'),
      latestDue: db.prepare('SELECT MAX(due_at) AS due FROM lifecycle_runs WHERE task = ?'),
      recent: db.prepare('SELECT id, task, due_at, started_at, finished_at, deleted_count, bytes_freed, error FROM lifecycle_runs ORDER BY started_at DESC, id LIMIT ?'),
      totals: db.prepare('SELECT task, COUNT(*) AS runs, COALESCE(SUM(bytes_freed), 0) AS bytes, COALESCE(SUM(deleted_count), 0) AS deleted FROM lifecycle_runs WHERE finished_at IS NOT NULL GROUP BY task'),
    };
  }

  /** Takes the slot for this process; null when another process (or an earlier start) already ran it. */
  claim(task: CleanupTask, dueAt: number, now: number): string | null {
    const id = randomUUID();
    return this.s.claim.run(id, task, dueAt, now).changes === 1 ? id : null;
  }

  finish(id: string, now: number, removed: RemovedEntry[], error: string | null): void {
    const bytes = removed.reduce((sum, r) => sum + r.bytes, 0);
    this.s.finish.run(now, removed.length, bytes, JSON.stringify(removed), error, id);
  }

  /** The latest slot a run was claimed for, or null before the first run. */
  latestDue(task: CleanupTask): number | null {
    return (this.s.latestDue.get(task) as { due: number | null }).due;
  }

  recent(limit: number): CleanupRunView[] {
    return (this.s.recent.all(limit) as RunRow[]).map((r) => ({
      id: r.id,
      task: r.task,
      dueAt: r.due_at,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      deletedCount: r.deleted_count,
      bytesFreed: r.bytes_freed,
      error: r.error,
    }));
  }

  /** Finished runs, items removed and bytes freed per task (for /metrics). */
  totals(): Array<{ task: CleanupTask; runs: number; bytes: number; deleted: number }> {
    return this.s.totals.all() as Array<{ task: CleanupTask; runs: number; bytes: number; deleted: number }>;
  }
}
